package org.daqhub.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.receive.PixelType;
import org.daqhub.processors.filewriter.hdf5.Compression;
import org.daqhub.processors.filewriter.hdf5.ImageRecord;
import org.daqhub.processors.filewriter.hdf5.NxmxFileWriter;

/**
 * HDF5 write throughput of 1024 x 1024 uint16 images taken from a memory-mapped image buffer,
 * against a plain sequential FileChannel write of the same bytes from the same buffer, in the same
 * run, each ending with an fsync (as the writer's close does). Images carry detector-like noise
 * (a pedestal near 1000 ADU, sigma 30), so compression ratios are realistic, not those of a test
 * pattern.
 *
 * <pre>
 * mvn -Pbench test-compile exec:exec -Dbench.main=org.daqhub.bench.WriterBench -Dbench.args="500 /work/bench-out"
 * </pre>
 */
public final class WriterBench {

    private static final int HEIGHT = NoiseImages.HEIGHT;
    private static final int WIDTH = NoiseImages.WIDTH;
    private static final int SLOTS = 64;

    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/bench-writer");
        Files.createDirectories(dir);
        try (ImageBuffer buffer = ImageBuffer.create(Path.of("/dev/shm/daqhub-writer-bench"), "bench", SLOTS, HEIGHT,
                WIDTH, 2, PixelType.UINT16.code())) {
            NoiseImages.fill(buffer, SLOTS);
            System.out.printf("%d images of %d x %d uint16 (%.0f MB) per run, into %s%n", images, HEIGHT, WIDTH,
                    images * (double) buffer.imageBytes() / 1e6, dir.toAbsolutePath());
            System.out.println("| writer | MB/s, median (min-max) | plain write from byte 0 | plain write from byte 4096 "
                    + "| hub / plain from 0 | hub / plain from 4096 | bytes on disk / raw |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
            for (Compression c : new Compression[] {Compression.NONE, Compression.BITSHUFFLE_LZ4, Compression.LZ4}) {
                double[] hub = new double[PAIRS];
                double[] plain0 = new double[PAIRS];
                double[] plain4k = new double[PAIRS];
                double[] ratio0 = new double[PAIRS];
                double[] ratio4k = new double[PAIRS];
                double stored = 0;
                // Rotating order, each file deleted right after its run: on these virtual machines the
                // first touch of fresh memory costs more than the write itself, and must not be billed
                // to one side. Two plain baselines: from byte 0, and from byte 4096 where the hub's
                // images start (on this machine's ext4 a new file written from byte 0 is markedly slower).
                for (int k = 0; k < PAIRS; k++) {
                    double[] r = null;
                    for (int step = 0; step < 3; step++) {
                        switch ((k + step) % 3) {
                            case 0 -> plain0[k] = plain(buffer, images, dir, 0);
                            case 1 -> plain4k[k] = plain(buffer, images, dir, 4096);
                            default -> r = hdf5(buffer, images, dir, c);
                        }
                    }
                    hub[k] = r[0];
                    stored = r[1];
                    ratio0[k] = hub[k] / plain0[k];
                    ratio4k[k] = hub[k] / plain4k[k];
                }
                System.out.printf(Locale.ROOT, "| hub NXmx, %s | %s | %s | %s | %.0f%% | %.0f%% | %.3f |%n", c.label(),
                        summary(hub), summary(plain0), summary(plain4k), 100 * median(ratio0), 100 * median(ratio4k),
                        stored);
            }
        } finally {
            Files.deleteIfExists(Path.of("/dev/shm/daqhub-writer-bench"));
        }
    }

    private static final int PAIRS = 9;

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String summary(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", median(v), s[0], s[s.length - 1]);
    }

    /** Every run starts with no dirty pages left by the one before (their writeback would be billed to it). */
    private static void sync() throws IOException {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double plain(ImageBuffer buffer, int images, Path dir, long offset) throws IOException {
        Path file = dir.resolve("plain.bin");
        Files.deleteIfExists(file);
        sync();
        long start = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long at = offset;
            for (int i = 0; i < images; i++) {
                ByteBuffer px = buffer.pixels(i % SLOTS).asReadOnlyBuffer();
                while (px.hasRemaining()) {
                    at += ch.write(px, at);
                }
            }
            ch.force(true);
        }
        double mbs = (double) images * buffer.imageBytes() / 1e6 / ((System.nanoTime() - start) / 1e9);
        Files.delete(file);
        return mbs;
    }

    /** The writer's own path: begin read, encode, append, check the slot, then close (fsync, rename). */
    private static double[] hdf5(ImageBuffer buffer, int images, Path dir, Compression compression)
            throws IOException {
        Path file = dir.resolve("bench-" + compression.label() + ".h5");
        Files.deleteIfExists(file);
        sync();
        long start = System.nanoTime();
        long stored;
        try (NxmxFileWriter w = new NxmxFileWriter(file, PixelType.UINT16, HEIGHT, WIDTH, compression,
                Map.of("description", "bench"))) {
            for (int i = 0; i < images; i++) {
                long seq = buffer.beginRead(i % SLOTS);
                ByteBuffer chunk = w.encode(buffer.pixels(i % SLOTS).asReadOnlyBuffer());
                w.append(chunk, new ImageRecord(i, 1, i, 0, i, 1, 2));
                if (!buffer.unchangedSince(i % SLOTS, seq)) {
                    w.replaceLastWithLost();
                }
            }
            stored = w.storedBytes();
            w.close(Map.of("request_id", "bench"));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double raw = (double) images * buffer.imageBytes();
        Files.delete(file);
        return new double[] {raw / 1e6 / seconds, stored / raw};
    }
}
