package org.daqhub.bench;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.daqhub.processors.datapath.DetectorRuntime;
import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.processors.receive.DetectorDefinitions;
import org.daqhub.processors.receive.ModuleCounter;
import org.daqhub.processors.statistics.Counters;

/**
 * UDP receive on loopback: the hub's receivers (DetectorRuntime: receive loop, frame collection,
 * assembly into the /dev/shm buffer) against a bare DatagramChannel loop per port, fed the same
 * packets by the simulator running in another JVM on the same machine. For each packet rate it
 * prints packets sent, received and lost; a rate passes when nothing is lost.
 *
 * <pre>
 * mvn -Pbench test-compile exec:exec -Dbench.main=org.daqhub.bench.UdpReceiveBench \
 *   -Dbench.args="config/detectors/jungfrau-sim.json 60 40000,60000,80000,100000"
 * </pre>
 */
public final class UdpReceiveBench {

    private static String definitionFile;

    public static void main(String[] args) throws Exception {
        definitionFile = args[0];
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(Path.of(args[0]).toFile());
        if (System.getProperty("bench.pool") != null) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.with("daqhub"))
                    .put("frame_pool_size", Integer.parseInt(System.getProperty("bench.pool")));
        }
        DetectorDefinition detector = DetectorDefinitions.parse(root);
        int seconds = Integer.parseInt(args[1]);
        String[] rates = args[2].split(",");
        String receivers = args.length > 3 ? args[3] : "bare,hub";
        int packetsPerImage = detector.nModules() * detector.packetsPerFrame();
        System.out.printf(Locale.ROOT, "%s: %d modules, %d-byte packets, %d packets per image, %d s per run%n",
                detector.name(), detector.nModules(), detector.type().packetBytes(), packetsPerImage, seconds);
        System.out.println("| receiver | target packets/s | sent | received | lost | loss % | achieved packets/s | payload GB/s "
                + "| receiver CPU µs/packet |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (String rateText : rates) {
            long rate = Long.parseLong(rateText.trim());
            for (String receiver : receivers.split(",")) {
                run(detector, receiver, rate, seconds);
            }
        }
    }

    private static void run(DetectorDefinition detector, String receiver, long packetRate, int seconds)
            throws Exception {
        int base = 40000 + (int) (Math.random() * 10000);
        double frameRate = (double) packetRate / (detector.nModules() * detector.packetsPerFrame());
        long frames = Math.round(frameRate * seconds);
        long received;
        long lost;
        SimulatorRun sent;
        // This JVM runs only the receiver under test while the simulator sends, so its CPU time
        // while the packets flow is what receiving costs.
        long cpuBefore;
        long cpuAfter;
        if (receiver.equals("bare")) {
            List<DatagramChannel> channels = new ArrayList<>();
            AtomicLong count = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int m = 0; m < detector.nModules(); m++) {
                DatagramChannel c = DatagramChannel.open();
                c.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024 * 1024);
                c.bind(new InetSocketAddress("127.0.0.1", base + m));
                channels.add(c);
                Thread t = new Thread(() -> {
                    ByteBuffer b = ByteBuffer.allocateDirect(65536);
                    long local = 0;
                    try {
                        while (true) {
                            b.clear();
                            c.receive(b);
                            local++;
                            if ((local & 63) == 0) {
                                count.addAndGet(64);
                                local = 0;
                            }
                        }
                    } catch (Exception closed) {
                        count.addAndGet(local);
                    }
                });
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            cpuBefore = processCpuNanos();
            sent = SimulatorRun.send(definitionFile, base, frameRate, frames, 1);
            Thread.sleep(500);
            cpuAfter = processCpuNanos();
            for (DatagramChannel c : channels) {
                c.close();
            }
            for (Thread t : threads) {
                t.join(1000);
            }
            received = count.get();
            lost = sent.packets() - received;
        } else {
            Path shm = Files.createTempDirectory(Path.of("/dev/shm"), "daqhub-bench");
            try (DetectorRuntime runtime = new DetectorRuntime(detector, "127.0.0.1", shm, base, null, null)) {
                runtime.start();
                Thread trace = traceLoss(runtime);
                cpuBefore = processCpuNanos();
                sent = SimulatorRun.send(definitionFile, base, frameRate, frames, 1);
                Thread.sleep(500);
                cpuAfter = processCpuNanos();
                trace.interrupt();
                received = runtime.moduleTotal(ModuleCounter.PACKETS_RECEIVED);
                long counted = runtime.moduleTotal(ModuleCounter.PACKETS_LOST);
                lost = Math.max(sent.packets() - received, counted);
                long noBuffer = runtime.moduleTotal(ModuleCounter.FRAMES_DROPPED_NO_BUFFER);
                if (noBuffer > 0) {
                    System.out.printf(Locale.ROOT, "(hub: %d frames dropped for lack of a free frame buffer)%n",
                            noBuffer);
                }
            } finally {
                try (var files = Files.list(shm)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(shm);
            }
        }
        double cpuMicrosPerPacket = (cpuAfter - cpuBefore) / 1e3 / Math.max(1, received);
        double achieved = sent.packets() / sent.seconds();
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %.3f | %.0f | %.3f | %.2f |%n", receiver,
                packetRate, sent.packets(), received, lost, 100.0 * lost / Math.max(1, sent.packets()), achieved,
                achieved * detector.type().payloadBytes() / 1e9, cpuMicrosPerPacket);
    }

    /** With -Dbench.trace, prints each second's lost packets, to see when in a run the hub loses them. */
    private static Thread traceLoss(DetectorRuntime runtime) {
        Thread t = new Thread(() -> {
            long last = 0;
            for (int s = 0; Boolean.getBoolean("bench.trace"); s++) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                long lost = runtime.moduleTotal(ModuleCounter.PACKETS_LOST);
                if (lost != last) {
                    System.out.printf(Locale.ROOT, "(second %d: %d packets lost)%n", s, lost - last);
                    last = lost;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
