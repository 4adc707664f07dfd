package org.daqhub.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** A run of consecutive free UDP ports, for a detector whose module i listens on base + i. */
public final class FreeUdpPorts {

    private FreeUdpPorts() {
    }

    public static int consecutive(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 60000 - count);
            List<DatagramChannel> probes = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    DatagramChannel c = DatagramChannel.open();
                    probes.add(c);
                    c.bind(new InetSocketAddress("127.0.0.1", base + i));
                }
                return base;
            } catch (IOException taken) {
                // try another base
            } finally {
                for (DatagramChannel c : probes) {
                    try {
                        c.close();
                    } catch (IOException ignored) {
                        // closing a probe
                    }
                }
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free UDP ports");
    }
}
