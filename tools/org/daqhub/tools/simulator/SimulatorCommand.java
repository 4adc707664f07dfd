package org.daqhub.tools.simulator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;

import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.processors.receive.DetectorDefinitions;

/**
 * {@code java -jar target/daq-hub.jar simulate --detector config/detectors/jungfrau-sim.json ...}:
 * the detector simulator from the command line. Prints what it sent, drops per module included,
 * so the hub's loss counters can be checked against it.
 */
public final class SimulatorCommand {

    private SimulatorCommand() {
    }

    static final String USAGE = """
            usage: simulate --detector FILE [options]
              --detector FILE   std_daq detector definition (JSON)
              --host HOST       where the hub receives (default 127.0.0.1)
              --port N          UDP port of module 0 (default: start_udp_port of the file)
              --rate R          frames per second (default 100; 0 = as fast as possible)
              --frames N        frames to send (default 100; 0 = until interrupted)
              --first-frame N   frame number of the first frame (default 1)
              --drop F          fraction of packets left out (default 0)
              --duplicate F     fraction of packets sent twice (default 0)
              --reorder F       fraction of packets swapped with the next one of their frame (default 0)
              --seed N          random seed for drop/duplicate/reorder (default 1)
            """;

    public static void main(String[] args) throws Exception {
        Path file = null;
        SimulatorOptions d = SimulatorOptions.defaults();
        String host = d.host();
        int port = 0;
        double rate = d.frameRate();
        long frames = d.frames();
        long firstFrame = d.firstFrame();
        double drop = 0;
        double duplicate = 0;
        double reorder = 0;
        long seed = d.seed();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                System.out.print(USAGE);
                return;
            }
            if (i + 1 >= args.length) {
                fail("option " + arg + " needs a value");
            }
            String value = args[++i];
            switch (arg) {
                case "--detector" -> file = Path.of(value);
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--frames" -> frames = Long.parseLong(value);
                case "--first-frame" -> firstFrame = Long.parseLong(value);
                case "--drop" -> drop = Double.parseDouble(value);
                case "--duplicate" -> duplicate = Double.parseDouble(value);
                case "--reorder" -> reorder = Double.parseDouble(value);
                case "--seed" -> seed = Long.parseLong(value);
                default -> fail("unknown option " + arg);
            }
        }
        if (file == null) {
            fail("--detector is required");
        }
        DetectorDefinition detector = DetectorDefinitions.load(file);
        DetectorSimulator simulator = new DetectorSimulator(detector,
                new SimulatorOptions(host, port, rate, frames, firstFrame, drop, duplicate, reorder, seed));
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::stop));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        DetectorSimulator.Report report = simulator.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        // What sending cost, apart from the JVM's start: benchmarks bill it to the send stage.
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf(Locale.ROOT, "%s: sent %d frames, %d packets in %.2f s (%.0f packets/s); dropped %d %s, "
                        + "duplicated %d, reordered %d; sending thread %.2f s of CPU%n", detector.name(),
                report.framesSent(), report.packetsSent(),
                seconds, report.packetsSent() / seconds, report.droppedTotal(),
                java.util.Arrays.toString(report.dropped()), report.duplicated(), report.reordered(),
                cpuSeconds);
    }

    private static void fail(String message) {
        System.err.println("simulate: " + message);
        System.err.print(USAGE);
        System.exit(2);
    }
}
