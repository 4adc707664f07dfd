package org.daqhub.datastore;

import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit of one directory: a thread that has renamed its file into the directory calls
 * {@link #awaitSynced}, which returns once a directory fsync that started after the call has
 * finished. One fsync serves every thread that arrived while the previous one ran, so concurrent
 * requests share a flush instead of queueing for one each; a lone request pays exactly one, as
 * without group commit. The caller's thread runs the flush (no committer thread to hand off to).
 */
final class GroupSync {

    /** The flush itself (a directory fsync; a test can hold it to see requests pile up). */
    @FunctionalInterface
    interface Flush {
        void run() throws IOException;
    }

    /** The requests one flush covers: those that arrived before it started. */
    private static final class Batch {
        private boolean done;
        private IOException failure;
    }

    private final Flush flush;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition flushed = lock.newCondition();
    private Batch open = new Batch();
    private boolean flushing;

    GroupSync(Flush flush) {
        this.flush = flush;
    }

    /** Returns once everything done before the call is flushed; throws if the flush that covered it failed. */
    void awaitSynced() throws IOException {
        lock.lock();
        try {
            Batch mine = open;
            while (!mine.done) {
                if (flushing) {
                    flushed.awaitUninterruptibly();
                } else {
                    flushOpenBatch();
                }
            }
            if (mine.failure != null) {
                throw new IOException("directory fsync failed: " + mine.failure.getMessage(), mine.failure);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Flushes the open batch without the lock, so the requests that arrive meanwhile form the next one. */
    private void flushOpenBatch() {
        Batch batch = open;
        open = new Batch();
        flushing = true;
        lock.unlock();
        IOException failure = null;
        try {
            flush.run();
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new IOException(e);
        } finally {
            lock.lock();
        }
        flushing = false;
        batch.failure = failure;
        batch.done = true;
        flushed.signalAll();
    }
}
