package org.daqhub.processors.receive;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.locks.LockSupport;

import org.daqhub.processors.stage.Stage;
import org.daqhub.processors.statistics.Counters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receive loop of one module: a plain {@link DatagramChannel} on the module's UDP port, drained
 * in a tight loop on its own thread into a {@link FrameCollector}. No Camel exchange and no
 * allocation per packet (STACK-NOTES: an exchange per packet loses packets at detector rates).
 * A selector wakes the loop at least every few milliseconds to flush timed-out frames.
 * Within a burst the loop sleeps briefly instead, so it reads many packets per wake-up.
 */
public final class ModuleReceiver implements Runnable, Stage {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleReceiver.class);
    private static final int MAX_DATAGRAM = 65536;
    /**
     * While packets flow, an empty socket is waited for by a short sleep, not by the selector: the
     * packets that arrive meanwhile are then read in one go. Waiting on the selector instead wakes
     * the thread for nearly every packet, and each wake-up costs the receiver, and the sender that
     * has to wake it, CPU that the two cores of bench/RESULTS.md did not have ("UDP receive with
     * batched reads": 8.8 µs per packet before, 4.8-6.4 after, when the sender goes flat out).
     */
    private static final long BATCH_PARK_NANOS = 100_000;
    /** After this long without a packet the burst is over and the loop sleeps on the selector. */
    private static final long BURST_GAP_NANOS = 2_000_000;

    private final String name;
    private final FrameCollector collector;
    private final DatagramChannel channel;
    private final Selector selector;
    private final long selectTimeoutMs;
    private volatile boolean running = true;
    private Thread thread;

    public ModuleReceiver(String name, String bindAddress, int port, int receiveBufferBytes, long frameTimeoutMs,
            FrameCollector collector) throws IOException {
        this.name = name;
        this.collector = collector;
        this.selectTimeoutMs = Math.max(1, Math.min(10, frameTimeoutMs / 4));
        this.channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
        channel.bind(new InetSocketAddress(bindAddress, port));
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        int granted = channel.getOption(StandardSocketOptions.SO_RCVBUF);
        if (granted < receiveBufferBytes / 2) {
            LOG.warn("{}: UDP receive buffer is {} bytes (asked for {}); raise net.core.rmem_max to avoid loss "
                    + "in bursts", name, granted, receiveBufferBytes);
        }
    }

    public void start() {
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    @Override
    public Counters<ModuleCounter> statistics() {
        return collector.statistics();
    }

    public int port() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void run() {
        ByteBuffer packet = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        while (running) {
            try {
                selector.select(selectTimeoutMs);
                selector.selectedKeys().clear();
                long lastPacket = System.nanoTime();
                while (running) {
                    packet.clear();
                    if (channel.receive(packet) == null) {
                        long now = System.nanoTime();
                        collector.flushExpired(now);
                        if (now - lastPacket > BURST_GAP_NANOS) {
                            break;
                        }
                        LockSupport.parkNanos(BATCH_PARK_NANOS);
                        continue;
                    }
                    lastPacket = System.nanoTime();
                    collector.accept(packet, packet.position(), lastPacket);
                }
                collector.flushExpired(System.nanoTime());
            } catch (IOException e) {
                if (running) {
                    LOG.error("{}: receive failed: {}", name, e.toString());
                }
            } catch (RuntimeException e) {
                // A bug must not stop the detector: log it and keep receiving.
                LOG.error("{}: unexpected error while handling a packet", name, e);
            }
        }
        collector.flushAll();
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            selector.close();
            channel.close();
        } catch (IOException e) {
            LOG.warn("{}: closing the socket failed: {}", name, e.toString());
        }
    }
}
