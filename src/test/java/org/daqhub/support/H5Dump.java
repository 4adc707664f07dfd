package org.daqhub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the HDF5 library's own h5dump on a file, as a second reader besides jhdf. CI installs it
 * (Debian's hdf5-tools and hdf5-filter-plugin); where it is missing the check is skipped, not failed.
 */
public final class H5Dump {

    private static final Path PLUGINS = Path.of("/usr/lib/x86_64-linux-gnu/hdf5/serial/plugins");

    private H5Dump() {
    }

    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "h5dump"))) {
                return true;
            }
        }
        return false;
    }

    /** h5dump's output for the given arguments; fails the test if h5dump reports an error. */
    public static String run(Path file, String... args) throws IOException, InterruptedException {
        Assumptions.assumeTrue(available(), "h5dump not installed (apt-get install hdf5-tools)");
        List<String> command = new ArrayList<>();
        command.add("h5dump");
        command.addAll(List.of(args));
        command.add(file.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (Files.isDirectory(PLUGINS)) {
            pb.environment().put("HDF5_PLUGIN_PATH", PLUGINS.toString());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("h5dump finished").isTrue();
        assertThat(p.exitValue()).as("h5dump exit code; output:\n%s", out).isZero();
        assertThat(out).as("h5dump output").doesNotContain("h5dump error");
        return out;
    }
}
