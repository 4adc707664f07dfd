package org.daqhub.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Assumptions;

/**
 * Real disk faults for writer tests: a directory nobody can write into (even root: the immutable
 * attribute), and a full disk (a 1 MiB tmpfs). Where the machine does not allow them the test is
 * skipped, never faked.
 */
public final class FaultyDisks {

    private FaultyDisks() {
    }

    /** Makes {@code dir} unwritable; undo with {@link #unlock}. */
    public static void lock(Path dir) throws IOException, InterruptedException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!writable(dir)) {
            return;
        }
        Commands.run("chattr", "+i", dir.toString());
        Assumptions.assumeFalse(writable(dir), "cannot make a directory unwritable here (root without chattr)");
    }

    public static void unlock(Path dir) throws IOException, InterruptedException {
        Commands.run("chattr", "-i", dir.toString());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Mounts a tmpfs of {@code bytes} on {@code dir} (created if needed); undo with {@link #unmount}. */
    public static void mountTiny(Path dir, long bytes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Assumptions.assumeTrue(Commands.run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", dir.toString()),
                "cannot mount a tmpfs here (needs root)");
    }

    public static void unmount(Path dir) throws IOException, InterruptedException {
        Commands.run("umount", dir.toString());
    }

    private static boolean writable(Path dir) {
        Path probe = dir.resolve(".probe");
        try {
            Files.createFile(probe);
            Files.delete(probe);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
