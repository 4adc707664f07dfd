package org.daqhub.datastore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.daqhub.processors.io.DurableFiles;
import org.daqhub.processors.statistics.Counters;

/**
 * Writes documents into one directory so that a crash never leaves half of one under its name, and
 * an acknowledged one is never lost: the bytes go to a hidden temporary file, which is fsynced and
 * renamed, then the directory is fsynced so the rename is on disk too. The request threads write
 * and fsync their files in parallel (the disk takes concurrent flushes well); with group commit the
 * directory fsync is shared by every request that renamed while the previous one ran
 * ({@link GroupSync}), otherwise each request does its own.
 */
final class DocumentWriter {

    private final Path directory;
    private final GroupSync directorySync;
    private final Counters<DatastoreCounter> statistics;

    /** {@code directory} is resolved on every write: /cleanbuf replaces it with a new, empty one. */
    DocumentWriter(Path directory, boolean groupCommit, Counters<DatastoreCounter> statistics) {
        this.directory = directory;
        this.statistics = statistics;
        this.directorySync = groupCommit ? new GroupSync(this::syncDirectory) : null;
    }

    private void syncDirectory() throws IOException {
        statistics.increment(DatastoreCounter.DIRECTORY_SYNCS);
        DurableFiles.syncDirectory(directory);
    }

    static Path tempFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    /** Returns once {@code bytes} are durably on disk as {@code name}; on failure nothing is left. */
    void write(String name, byte[] bytes) throws IOException {
        Path target = directory.resolve(name);
        Path temp = tempFor(target);
        long start = System.nanoTime();
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (channel) {
            writeFully(channel, bytes);
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            DurableFiles.discard(channel, temp);
            throw e;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        long renamed = System.nanoTime();
        statistics.add(DatastoreCounter.FILE_SYNC_NANOS, renamed - start);
        try {
            if (directorySync != null) {
                directorySync.awaitSynced();
            } else {
                syncDirectory();
            }
            statistics.add(DatastoreCounter.DIRECTORY_SYNC_WAIT_NANOS, System.nanoTime() - renamed);
        } catch (IOException | RuntimeException e) {
            // Not acknowledged, so not counted: the file must not stay to be counted at the next start.
            Files.deleteIfExists(target);
            throw e;
        }
    }

    /** Writes a small file (state) atomically. */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = tempFor(target);
        Files.deleteIfExists(temp);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(channel, bytes);
            channel.force(true);
        }
        DurableFiles.moveIntoPlace(temp, target, true);
    }

    private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }
}
