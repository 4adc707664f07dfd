package org.daqhub.processors.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The last steps of writing a file that a crash must never leave half-written: rename the fsynced
 * temporary file into place, then fsync the directory so the rename itself is on disk.
 */
public final class DurableFiles {

    private DurableFiles() {
    }

    /**
     * Writes a small file whole or not at all: {@code bytes} go to {@code temp} (created anew, never
     * through a link: {@link SafeFiles#createExclusively}), which is fsynced and renamed to
     * {@code target}; on failure the temporary file is removed.
     *
     * @param ownerOnly create it readable and writable by the owner only (keys, credentials)
     * @param replace   as {@link #moveIntoPlace}
     */
    public static void writeAtomically(Path temp, Path target, byte[] bytes, boolean ownerOnly, boolean replace)
            throws IOException {
        FileChannel out = SafeFiles.createExclusively(temp, ownerOnly);
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                out.write(b);
            }
            out.force(true);
            out.close();
        } catch (IOException | RuntimeException e) {
            discard(out, temp);
            throw e;
        }
        moveIntoPlace(temp, target, replace);
    }

    /** Renames {@code temp} (already fsynced) to {@code target}, replacing it if {@code replace}, and fsyncs the directory. */
    public static void moveIntoPlace(Path temp, Path target, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            if (replace) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, target);
            }
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Gives up a temporary file whose write failed: closes its channel and deletes it, quietly (the
     * caller is already reporting the failure; a leftover has a temporary name and is cleaned later).
     */
    public static void discard(FileChannel channel, Path temp) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // deleting it is what matters
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // nothing more to do: its name says it is partial
        }
    }

    /** fsyncs a directory, so renames and new entries in it survive a crash. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
