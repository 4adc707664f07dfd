package org.daqhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The shipped simulated detectors, rewritten for a test hub: free UDP ports, ZeroMQ endpoints on
 * ports the OS picks (read back from {@code GET /detectors}), and small buffers.
 */
public final class TestDetectors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestDetectors() {
    }

    public static Path write(Path dir) {
        copy("jungfrau-sim.json", dir, 2);
        copy("eiger-sim.json", dir, 4);
        return dir;
    }

    private static void copy(String name, Path dir, int modules) {
        try {
            ObjectNode d = (ObjectNode) JSON.readTree(Path.of("config/detectors", name).toFile());
            d.put("start_udp_port", FreeUdpPorts.consecutive(modules));
            ObjectNode hub = (ObjectNode) d.get("daqhub");
            hub.put("buffer_slots", 64);
            hub.put("metadata_endpoint", "tcp://127.0.0.1:" + FreePorts.tcp());
            hub.put("stream_endpoint", "tcp://127.0.0.1:" + FreePorts.tcp());
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(name).toFile(), d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
