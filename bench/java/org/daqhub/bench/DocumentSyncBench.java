package org.daqhub.bench;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.daqhub.processors.io.DurableFiles;

/**
 * How fast the disk alone takes the datastore's write protocol, without HTTP or checking, and two
 * alternatives to it; each mode writes 303 KB documents from concurrent threads for a given time
 * (bench/RESULTS.md, datastore, session 8):
 * <ul>
 * <li>{@code protocol}: the hub's: temporary file, fsync, rename, directory fsync (one each);
 * <li>{@code wal}: a preallocated write-ahead log, one {@code fdatasync} per batch of concurrent
 * documents, the document files written without fsync and synced by a checkpoint thread;
 * <li>{@code slots}: temporary files created and fsynced ahead of time by a background thread, so
 * that a document's fsync need not write the directory.
 * </ul>
 *
 * <pre>
 * mvn -Pbench test-compile exec:exec -Dbench.main=org.daqhub.bench.DocumentSyncBench \
 *     -Dbench.args="/work/bench-sync 16 12 protocol,wal,slots"
 * </pre>
 */
public final class DocumentSyncBench {

    private static final byte[] DOC = new byte[303_177];
    private static final long WAL_BYTES = 1L << 30;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Arrays.fill(DOC, (byte) '1');
        for (String mode : args[3].split(",")) {
            deleteTree(dir);
            Files.createDirectories(dir);
            new ProcessBuilder("sync").inheritIO().start().waitFor();
            Mode m = switch (mode) {
                case "protocol" -> new Protocol();
                case "wal" -> new Wal(dir.resolve("wal"));
                case "slots" -> new Slots();
                case "direct" -> new Direct();
                default -> throw new IllegalArgumentException("mode " + mode);
            };
            long cpu = processCpuNanos();
            long docs = run(m, dir.resolve("docs"), threads, seconds);
            cpu = processCpuNanos() - cpu;
            m.close();
            System.out.printf(Locale.ROOT, "%s: %d threads, %.0f documents/s, CPU %.3f ms per document (user and kernel)%n",
                    mode, threads, docs / (double) seconds, cpu / 1e6 / docs);
        }
        deleteTree(dir);
    }

    private static long run(Mode mode, Path docs, int threads, int seconds) throws Exception {
        Files.createDirectories(docs);
        mode.start(docs);
        AtomicLong names = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> counts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            counts.add(pool.submit(() -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    mode.write(docs, docs.resolve("d" + names.incrementAndGet() + ".json"));
                    n++;
                }
                return n;
            }));
        }
        long total = 0;
        for (Future<Long> c : counts) {
            total += c.get();
        }
        pool.shutdown();
        return total;
    }

    private interface Mode extends AutoCloseable {
        default void start(Path docs) throws Exception {
        }

        void write(Path docs, Path target) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /** The hub's protocol, with a directory fsync per document (no group commit). */
    private static final class Protocol implements Mode {
        @Override
        public void write(Path docs, Path target) throws Exception {
            Path temp = temporaryFor(target);
            writeFile(temp, true, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.syncDirectory(docs);
        }
    }

    /**
     * The hub's protocol with the document written by direct I/O ({@code O_DIRECT}): the bytes go
     * from an aligned buffer to the disk without a copy into the page cache. The write is rounded up
     * to whole blocks and the file truncated to the document's length before its fsync.
     */
    private static final class Direct implements Mode {
        private static final int BLOCK = 4096;
        private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(
                () -> ByteBuffer.allocateDirect(DOC.length + 2 * BLOCK).alignedSlice(BLOCK));

        @Override
        public void write(Path docs, Path target) throws Exception {
            Path temp = temporaryFor(target);
            ByteBuffer b = buffers.get().clear();
            b.put(DOC);
            int padded = (DOC.length + BLOCK - 1) / BLOCK * BLOCK;
            b.position(0).limit(padded);
            try (FileChannel c = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    com.sun.nio.file.ExtendedOpenOption.DIRECT)) {
                while (b.hasRemaining()) {
                    c.write(b);
                }
                c.truncate(DOC.length);
                c.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.syncDirectory(docs);
        }
    }

    /** The hidden temporary name a document is written under before its rename, as in the hub. */
    private static Path temporaryFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Group commit into a preallocated log; the document files are synced by a checkpoint thread. */
    private static final class Wal implements Mode {
        private final FileChannel log;
        private final Object lock = new Object();
        private final ConcurrentLinkedQueue<Path> unsynced = new ConcurrentLinkedQueue<>();
        private List<ByteBuffer> pending = new ArrayList<>();
        private long nextBatch = 1;
        private long doneBatch;
        private boolean flushing;
        private long position;
        private volatile boolean stop;
        private Thread checkpoint;

        Wal(Path file) throws Exception {
            log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
            for (long p = 0; p < WAL_BYTES; p += zeros.capacity()) {
                zeros.clear();
                log.write(zeros, p);
            }
            log.force(true);
        }

        @Override
        public void start(Path docs) {
            checkpoint = new Thread(() -> {
                while (!stop) {
                    try {
                        Thread.sleep(200);
                        List<Path> batch = new ArrayList<>();
                        for (Path p; (p = unsynced.poll()) != null;) {
                            batch.add(p);
                        }
                        for (Path p : batch) {
                            try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
                                c.force(true);
                            }
                        }
                        DurableFiles.syncDirectory(docs);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            checkpoint.start();
        }

        @Override
        public void write(Path docs, Path target) throws Exception {
            Path temp = temporaryFor(target);
            writeFile(temp, false, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            unsynced.add(target);
            commit(ByteBuffer.wrap(DOC));
        }

        /** One thread writes and flushes what all waiting threads appended; the others wait for it. */
        private void commit(ByteBuffer record) throws Exception {
            long mine;
            List<ByteBuffer> batch;
            long at;
            long batchNo;
            synchronized (lock) {
                pending.add(record);
                mine = nextBatch;
                while (doneBatch < mine && flushing) {
                    lock.wait();
                }
                if (doneBatch >= mine) {
                    return;
                }
                flushing = true;
                batch = pending;
                pending = new ArrayList<>();
                batchNo = nextBatch++;
                long length = batch.stream().mapToLong(ByteBuffer::remaining).sum();
                at = position + length > WAL_BYTES ? 0 : position;
                position = at + length;
            }
            for (ByteBuffer b : batch) {
                while (b.hasRemaining()) {
                    at += log.write(b, at);
                }
            }
            log.force(false);
            synchronized (lock) {
                doneBatch = batchNo;
                flushing = false;
                lock.notifyAll();
            }
        }

        @Override
        public void close() throws Exception {
            stop = true;
            checkpoint.join();
            log.close();
        }
    }

    /** Empty temporary files made durable ahead of time by a background thread, 32 at a time. */
    private static final class Slots implements Mode {
        private final ConcurrentLinkedQueue<Path> ready = new ConcurrentLinkedQueue<>();
        private final AtomicLong names = new AtomicLong();
        private volatile boolean stop;
        private Thread maker;

        @Override
        public void start(Path docs) throws Exception {
            maker = new Thread(() -> {
                try {
                    while (!stop) {
                        if (ready.size() >= 128) {
                            Thread.sleep(1);
                            continue;
                        }
                        List<Path> made = new ArrayList<>();
                        for (int i = 0; i < 32; i++) {
                            Path slot = docs.resolve(".slot-" + names.incrementAndGet() + ".tmp");
                            createDurably(slot);
                            made.add(slot);
                        }
                        DurableFiles.syncDirectory(docs);
                        ready.addAll(made);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            maker.start();
            while (ready.size() < 128) {
                Thread.sleep(10);
            }
        }

        @Override
        public void write(Path docs, Path target) throws Exception {
            Path slot;
            while ((slot = ready.poll()) == null) {
                Thread.onSpinWait();
            }
            writeFile(slot, true, StandardOpenOption.WRITE);
            Files.move(slot, target, StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.syncDirectory(docs);
        }

        @Override
        public void close() throws Exception {
            stop = true;
            maker.join();
        }
    }

    /** Writes the document into {@code file}, and fsyncs it when asked. */
    private static void writeFile(Path file, boolean sync, StandardOpenOption... options) throws Exception {
        try (FileChannel c = FileChannel.open(file, options)) {
            ByteBuffer b = ByteBuffer.wrap(DOC);
            while (b.hasRemaining()) {
                c.write(b);
            }
            if (sync) {
                c.force(true);
            }
        }
    }

    private static void createDurably(Path file) throws Exception {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private DocumentSyncBench() {
    }
}
