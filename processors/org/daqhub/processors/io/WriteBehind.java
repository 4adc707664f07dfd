package org.daqhub.processors.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * Starts putting a file's data on disk while it is still being written. Linux leaves written
 * pages in memory until gigabytes are dirty, so without this a detector file of a gigabyte reaches
 * the disk only in the fsync that closes it: a second or more in which the writer writes nothing
 * and the image buffer fills. Every {@code every} bytes appended, a flush of what is written so far
 * ({@code force(false)}) runs on the flusher the owner gives (the writer's named flush thread,
 * stopped with the hub), at most one per file at a time, so the disk works while the writer
 * compresses and the closing fsync finds little left.
 *
 * <p>Durability is unchanged: a file is still complete only after its closing fsync and rename.
 */
public final class WriteBehind {

    /**
     * Flush after this many bytes appended: 64 MiB (large writes for the disk, a small fsync at the
     * end), or the JVM option {@code -Ddaqhub.writer.write-behind-bytes=N} (0: off, as before).
     */
    public static final long DEFAULT_BYTES = Long.getLong("daqhub.writer.write-behind-bytes", 64L << 20);

    private final FileChannel channel;
    private final long every;
    private final Executor flusher;
    private long pending;
    private Future<?> inFlight;

    /** @param flusher where the flushes run; null: none (the file reaches the disk at its closing fsync) */
    public WriteBehind(FileChannel channel, long every, Executor flusher) {
        this.channel = channel;
        this.every = flusher == null ? 0 : every;
        this.flusher = flusher;
    }

    /** {@code bytes} more were written to the file (writer's thread). */
    public void written(long bytes) {
        pending += bytes;
        if (every > 0 && pending >= every && (inFlight == null || inFlight.isDone())) {
            pending = 0;
            FutureTask<Void> flush = new FutureTask<>(this::flush, null);
            try {
                flusher.execute(flush);
                inFlight = flush;
            } catch (RejectedExecutionException stopping) {
                // the hub is stopping: no early flush; the closing fsync still writes everything
            }
        }
    }

    /** Waits for a flush still running (before the closing fsync, or before the file is deleted). */
    public void awaitIdle() {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // flush() reports nothing: the closing fsync reports a disk that fails
        }
    }

    private void flush() {
        try {
            channel.force(false);
        } catch (IOException e) {
            // A failing disk (or a file aborted meanwhile): the writer's own write or closing fsync
            // fails too and reports it; this early flush only saves time.
        }
    }
}
