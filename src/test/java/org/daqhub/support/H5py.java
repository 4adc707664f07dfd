package org.daqhub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Reads a file with h5py, the reader beamline users have (Debian's python3-h5py and
 * python3-hdf5plugin, which CI installs); skipped where they are missing.
 */
public final class H5py {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private H5py() {
    }

    public static boolean available() throws IOException, InterruptedException {
        return Files.isExecutable(PYTHON) && exitCode("import h5py, hdf5plugin") == 0;
    }

    /**
     * Runs {@code script} with {@code f} open on the file (h5py, hdf5plugin imported) and answers
     * what it prints; fails the test if Python fails.
     */
    public static String run(Path file, String script) throws IOException, InterruptedException {
        Assumptions.assumeTrue(available(),
                "h5py not installed (apt-get install python3-h5py python3-hdf5plugin)");
        String program = "import sys, h5py, hdf5plugin\nwith h5py.File(sys.argv[1], 'r') as f:\n"
                + script.lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", program, file.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("python finished").isTrue();
        assertThat(p.exitValue()).as("h5py on %s:\n%s", file, out).isZero();
        return out.trim();
    }

    private static int exitCode(String code) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", code).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
