package org.daqhub.tools.simulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.processors.receive.DetectorType;
import org.daqhub.processors.receive.PacketHeader;

/**
 * Sends the UDP packets a real detector would, for a detector definition: every module on its
 * port, 48-byte SLS headers, payloads from {@link PixelPattern}, at a frame rate, with optional
 * drops, duplicates and reordering within a frame. Packets of the modules are interleaved as the
 * modules would send them in parallel.
 */
public final class DetectorSimulator {

    /** What was sent; {@code dropped[m]} is exactly the number of packets module m left out. */
    public record Report(long framesSent, long packetsSent, long[] dropped, long duplicated, long reordered) {
        public long droppedTotal() {
            long n = 0;
            for (long d : dropped) {
                n += d;
            }
            return n;
        }
    }

    private final DetectorDefinition detector;
    private final SimulatorOptions options;
    private final ByteBuffer[][] frames; // [variant][module]
    private volatile boolean stopped;

    public DetectorSimulator(DetectorDefinition detector, SimulatorOptions options) {
        this.detector = detector;
        this.options = options;
        this.frames = new ByteBuffer[PixelPattern.VARIANTS][detector.nModules()];
        for (int v = 0; v < PixelPattern.VARIANTS; v++) {
            for (int m = 0; m < detector.nModules(); m++) {
                frames[v][m] = PixelPattern.frame(detector, v, m);
            }
        }
    }

    /** The image id the simulator gives frame number {@code frame}. */
    public static long imageIdOf(DetectorDefinition detector, long frame) {
        return detector.type() == DetectorType.EIGER ? frame : SimulatorOptions.BUNCH_BASE + frame;
    }

    public void stop() {
        stopped = true;
    }

    public Report run() throws IOException {
        int modules = detector.nModules();
        int packets = detector.packetsPerFrame();
        int payload = detector.type().payloadBytes();
        int firstPort = options.firstPort() > 0 ? options.firstPort() : detector.startUdpPort();
        InetSocketAddress[] targets = new InetSocketAddress[modules];
        for (int m = 0; m < modules; m++) {
            targets[m] = new InetSocketAddress(options.host(), detector.udpPort(firstPort, m));
        }
        SplittableRandom random = new SplittableRandom(options.seed());
        long[] dropped = new long[modules];
        long duplicated = 0;
        long reordered = 0;
        long sent = 0;
        long framesSent = 0;
        ByteBuffer[][] packetBuffers = new ByteBuffer[modules][packets];
        for (int m = 0; m < modules; m++) {
            for (int p = 0; p < packets; p++) {
                packetBuffers[m][p] = ByteBuffer.allocateDirect(detector.type().packetBytes())
                        .order(ByteOrder.LITTLE_ENDIAN);
            }
        }
        int[] order = new int[packets];
        long periodNanos = options.frameRate() > 0 ? (long) (1e9 / options.frameRate()) : 0;
        long next = System.nanoTime();
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 4 * 1024 * 1024);
            for (long i = 0; !stopped && (options.frames() == 0 || i < options.frames()); i++) {
                long frame = options.firstFrame() + i;
                long imageId = imageIdOf(detector, frame);
                int variant = (int) Math.floorMod(imageId, (long) PixelPattern.VARIANTS);
                long timestamp = System.nanoTime();
                for (int m = 0; m < modules; m++) {
                    ByteBuffer data = frames[variant][m];
                    for (int p = 0; p < packets; p++) {
                        ByteBuffer b = packetBuffers[m][p];
                        PacketHeader.write(b, frame, p, detector.type().imageIdFromBunchId() ? imageId : 0,
                                timestamp, m, detector.type().isJungfrau() ? 3 : 1);
                        b.put(DetectorType.HEADER_BYTES, data, p * payload, payload);
                    }
                }
                for (int p = 0; p < packets; p++) {
                    order[p] = p;
                }
                for (int p = 0; p + 1 < packets; p++) {
                    if (options.reorder() > 0 && random.nextDouble() < options.reorder()) {
                        int t = order[p];
                        order[p] = order[p + 1];
                        order[p + 1] = t;
                        reordered++;
                        p++;
                    }
                }
                for (int k = 0; k < packets; k++) {
                    int p = order[k];
                    for (int m = 0; m < modules; m++) {
                        if (options.drop() > 0 && random.nextDouble() < options.drop()) {
                            dropped[m]++;
                            continue;
                        }
                        ByteBuffer b = packetBuffers[m][p];
                        channel.send(b.clear(), targets[m]);
                        sent++;
                        if (options.duplicate() > 0 && random.nextDouble() < options.duplicate()) {
                            channel.send(b.clear(), targets[m]);
                            duplicated++;
                            sent++;
                        }
                    }
                }
                framesSent++;
                if (periodNanos > 0) {
                    next += periodNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
            }
        }
        return new Report(framesSent, sent, dropped, duplicated, reordered);
    }
}
