package org.daqhub.datastore;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

import org.daqhub.processors.io.DurableFiles;

/**
 * Writes documents so that a crash never leaves half of one under its name: the bytes go to a hidden
 * temporary file, which is fsynced and renamed, then the directory is fsynced. With group commit the
 * request threads write their files in parallel and one committer thread does the fsyncs and renames
 * of everything pending, with one directory fsync per batch: concurrent requests share the disk's
 * flushes instead of queueing for one each.
 */
final class DocumentWriter implements AutoCloseable {

    private record Pending(Path temp, Path target, FileChannel channel, CompletableFuture<Void> done) {
    }

    private final boolean groupCommit;
    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final Thread committer;
    private volatile boolean running = true;

    DocumentWriter(boolean groupCommit) {
        this.groupCommit = groupCommit;
        this.committer = groupCommit ? new Thread(this::commitLoop, "datastore-commit") : null;
        if (committer != null) {
            committer.setDaemon(true);
            committer.start();
        }
    }

    static Path tempFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    /** Returns once {@code bytes} are durably on disk as {@code target}; on failure nothing is left. */
    void write(Path target, byte[] bytes) throws IOException {
        Path temp = tempFor(target);
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } catch (IOException | RuntimeException e) {
            DurableFiles.discard(channel, temp);
            throw e;
        }
        if (!groupCommit) {
            try (channel) {
                channel.force(true);
                DurableFiles.moveIntoPlace(temp, target, false);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(new Pending(temp, target, channel, done));
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the document was committed");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private void commitLoop() {
        List<Pending> batch = new ArrayList<>();
        while (running) {
            try {
                batch.add(pending.take());
            } catch (InterruptedException e) {
                return;
            }
            pending.drainTo(batch);
            commit(batch);
            batch.clear();
        }
    }

    private static void commit(List<Pending> batch) {
        List<Pending> renamed = new ArrayList<>();
        for (Pending p : batch) {
            try (FileChannel channel = p.channel()) {
                channel.force(true);
                Files.move(p.temp(), p.target(), StandardCopyOption.ATOMIC_MOVE);
                renamed.add(p);
            } catch (IOException | RuntimeException e) {
                DurableFiles.discard(p.channel(), p.temp());
                p.done().completeExceptionally(e);
            }
        }
        if (renamed.isEmpty()) {
            return;
        }
        try {
            DurableFiles.syncDirectory(renamed.get(0).target().getParent());
            renamed.forEach(p -> p.done().complete(null));
        } catch (IOException e) {
            renamed.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    /** Writes a small file (state) atomically, without the committer. */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = tempFor(target);
        Files.deleteIfExists(temp);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                channel.write(b);
            }
            channel.force(true);
        }
        DurableFiles.moveIntoPlace(temp, target, true);
    }

    @Override
    public void close() {
        running = false;
        if (committer != null) {
            committer.interrupt();
        }
    }
}
