package org.daqhub.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detector simulator run in its own JVM (as a detector sends from elsewhere, its cost is not
 * the bench's), and what it reports: frames and packets sent, the time taken, and its sending
 * thread's CPU time.
 */
record SimulatorRun(long frames, long packets, double seconds, double cpuSeconds) {

    private static final Pattern SENT = Pattern.compile(
            "sent (\\d+) frames, (\\d+) packets in ([0-9.]+) s.*sending thread ([0-9.]+) s of CPU");

    /** Sends {@code frames} frames from {@code firstFrame} at {@code rate} frames/s (0: as fast as it can). */
    static SimulatorRun send(String definitionFile, int port, double rate, long frames, long firstFrame)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.daqhub.tools.simulator.SimulatorCommand", "--detector", definitionFile,
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--rate", Double.toString(rate),
                "--frames", Long.toString(frames), "--first-frame", Long.toString(firstFrame))
                .redirectErrorStream(true).start();
        String output;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            output = String.join("\n", r.lines().toList());
        }
        p.waitFor();
        Matcher m = SENT.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("simulator said: " + output);
        }
        return new SimulatorRun(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Double.parseDouble(m.group(3)),
                Double.parseDouble(m.group(4)));
    }
}
