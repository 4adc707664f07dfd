package org.daqhub.bench;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.ImageStatus;
import org.daqhub.processors.receive.ImageMetadata;
import org.daqhub.processors.receive.PixelType;
import org.daqhub.processors.filewriter.DetectorWriter;
import org.daqhub.processors.filewriter.FileSeries;
import org.daqhub.processors.filewriter.WriteJob;
import org.daqhub.processors.filewriter.WriteRequest;
import org.daqhub.processors.filewriter.WriteState;
import org.daqhub.processors.filewriter.hdf5.Compression;

/**
 * Compressed writing: MB/s of raw image data (1024 x 1024 uint16, detector-like noise) through the
 * hub's writer with 1, 2 and all compression threads, for LZ4, bitshuffle-LZ4 and deflate (level
 * 1), against the baseline in the same run: h5py with hdf5plugin writing the same images with the
 * same filter, one chunk per image (what a Python beamline writer does; Debian's /usr/bin/python3
 * with python3-h5py and python3-hdf5plugin). Each figure is the median
 * of five runs of {@code images} images; each run ends with the file fsynced, both sides.
 *
 * <pre>
 * mvn -Pbench test-compile exec:exec -Dbench.main=org.daqhub.bench.CompressionBench -Dbench.args="128 /work/bench-out"
 * </pre>
 */
public final class CompressionBench {

    private static final int HEIGHT = NoiseImages.HEIGHT;
    private static final int WIDTH = NoiseImages.WIDTH;
    private static final int RUNS = 5;

    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/bench-compression");
        Files.createDirectories(dir);
        int cores = Runtime.getRuntime().availableProcessors();
        try (ImageBuffer buffer = ImageBuffer.create(Path.of("/dev/shm/daqhub-compression-bench"), "bench", images,
                HEIGHT, WIDTH, 2, PixelType.UINT16.code())) {
            Path raw = dir.resolve("images.raw");
            fill(buffer, images, raw);
            double mb = images * (double) buffer.imageBytes() / 1e6;
            System.out.printf(Locale.ROOT, "%d images of %d x %d uint16 (%.0f MB raw) per run, %d cores, into %s%n",
                    images, HEIGHT, WIDTH, mb, cores, dir.toAbsolutePath());
            System.out.println("| codec | h5py + hdf5plugin (baseline) | hub, 1 thread | hub, 2 threads | hub, "
                    + cores + " threads | all threads / (threads x one) | all threads / baseline "
                    + "| encoding only: 1 thread, all threads, scaling | bytes on disk / raw | plain write of those "
                    + "bytes, as raw MB/s | all threads / min(threads x one, plain write) |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            for (Compression c : List.of(Compression.LZ4, Compression.BITSHUFFLE_LZ4, Compression.DEFLATE)) {
                double baseline = h5py(raw, images, c, dir);
                double one = median(c, buffer, images, 1, dir, mb);
                double two = median(c, buffer, images, 2, dir, mb);
                double all = cores == 2 ? two : median(c, buffer, images, cores, dir, mb);
                double encodeOne = encodeOnly(c, buffer, images, 1, mb);
                double encodeAll = encodeOnly(c, buffer, images, cores, mb);
                double ratio = storedRatio(c, buffer, images);
                double disk = plainWrite(dir, (long) (ratio * mb * 1e6)) / ratio;
                System.out.printf(Locale.ROOT, "| %s | %.0f MB/s | %.0f MB/s | %.0f MB/s | %.0f MB/s | %.2f | %.2f "
                        + "| %.0f, %.0f MB/s, %.2f | %.3f | %.0f MB/s | %.2f |%n", c.label(), baseline, one, two, all,
                        all / (cores * one), all / baseline, encodeOne, encodeAll, encodeAll / (cores * encodeOne),
                        ratio, disk, all / Math.min(cores * one, disk));
            }
        }
        Files.deleteIfExists(Path.of("/dev/shm/daqhub-compression-bench"));
    }

    private static double median(Compression c, ImageBuffer buffer, int images, int threads, Path dir, double mb)
            throws Exception {
        double[] rates = new double[RUNS];
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        ExecutorService flusher = Executors.newSingleThreadExecutor(); // write-behind, as the hub's writer
        try {
            for (int run = 0; run < RUNS; run++) {
                DetectorWriter writer = new DetectorWriter("bench", buffer, PixelType.UINT16,
                        Map.of("description", "bench"), 1, pool, threads, flusher);
                Path out = dir.resolve("hub-" + c.label() + "-" + threads + "-" + run + ".h5");
                Files.deleteIfExists(out);
                WriteJob job = new WriteJob(new WriteRequest("bench", "bench", out.getFileName().toString(), images,
                        FileSeries.of(out, images, images).within(dir.toRealPath()), c));
                Thread t = new Thread(() -> writer.write(job));
                long start = System.nanoTime();
                t.start();
                while (job.state() == WriteState.QUEUED) {
                    Thread.onSpinWait();
                }
                for (int id = 0; id < images; id++) {
                    writer.offer(new ImageMetadata("bench", id, id, HEIGHT, WIDTH, "uint16", ImageStatus.GOOD, id, 1, 1,
                            0, id, 1, 2));
                }
                job.awaitEnd(10, TimeUnit.MINUTES);
                rates[run] = mb / ((System.nanoTime() - start) / 1e9);
                if (job.state() != WriteState.SUCCEEDED || job.written() != images) {
                    throw new IllegalStateException("bench write " + job.state() + ": " + job.message());
                }
                Files.delete(out);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
            flusher.shutdown();
        }
        Arrays.sort(rates);
        return rates[RUNS / 2];
    }

    /**
     * Encoding alone, no file: each of {@code threads} threads encodes every threads-th image with
     * its own encoder; median MB/s of raw data over five runs. Shows whether the codec scales when
     * the file is not in the way.
     */
    private static double encodeOnly(Compression c, ImageBuffer buffer, int images, int threads, double mb)
            throws Exception {
        double[] rates = new double[RUNS];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int run = 0; run < RUNS; run++) {
                List<java.util.concurrent.Callable<Void>> work = new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = t;
                    work.add(() -> {
                        var encoder = c.encoder(2);
                        for (int i = first; i < images; i += threads) {
                            encoder.encode(buffer.pixels(i).asReadOnlyBuffer());
                        }
                        return null;
                    });
                }
                long start = System.nanoTime();
                for (var f : pool.invokeAll(work)) {
                    f.get();
                }
                rates[run] = mb / ((System.nanoTime() - start) / 1e9);
            }
        } finally {
            pool.shutdownNow();
        }
        Arrays.sort(rates);
        return rates[RUNS / 2];
    }

    /** Compressed bytes / raw bytes of these images with this codec. */
    private static double storedRatio(Compression c, ImageBuffer buffer, int images) {
        var encoder = c.encoder(2);
        long stored = 0;
        long raw = 0;
        for (int i = 0; i < images; i++) {
            stored += encoder.encode(buffer.pixels(i).asReadOnlyBuffer()).remaining();
            raw += buffer.imageBytes();
        }
        return (double) stored / raw;
    }

    /** A plain sequential write of {@code bytes} and fsync, as the writer's files end: median MB/s. */
    private static double plainWrite(Path dir, long bytes) throws IOException {
        double[] rates = new double[RUNS];
        java.nio.ByteBuffer block = java.nio.ByteBuffer.allocateDirect(1 << 20);
        for (int run = 0; run < RUNS; run++) {
            Path file = dir.resolve("plain-" + run + ".bin");
            long start = System.nanoTime();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                for (long done = 0; done < bytes; ) {
                    block.clear().limit((int) Math.min(block.capacity(), bytes - done));
                    done += ch.write(block);
                }
                ch.force(true);
            }
            rates[run] = bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
            Files.delete(file);
        }
        Arrays.sort(rates);
        return rates[RUNS / 2];
    }

    /** The same images written by h5py + hdf5plugin with the same filter: median MB/s of five runs. */
    private static double h5py(Path raw, int images, Compression c, Path dir) throws IOException, InterruptedException {
        String filter = switch (c) {
            case LZ4 -> "hdf5plugin.LZ4()";
            case BITSHUFFLE_LZ4 -> "hdf5plugin.Bitshuffle(cname='lz4')";
            case DEFLATE -> "{'compression': 'gzip', 'compression_opts': 1}";
            case NONE -> "{}";
        };
        String script = String.join("\n",
                "import sys, os, time, statistics, numpy, h5py, hdf5plugin",
                "raw = numpy.fromfile(sys.argv[1], dtype='<u2').reshape(" + images + ", " + HEIGHT + ", " + WIDTH + ")",
                "f_args = " + filter,
                "rates = []",
                "for run in range(" + RUNS + "):",
                "    path = os.path.join(sys.argv[2], 'h5py-%d.h5' % run)",
                "    start = time.perf_counter()",
                "    with h5py.File(path, 'w') as f:",
                "        d = f.create_dataset('data', shape=raw.shape, dtype='<u2', chunks=(1, " + HEIGHT + ", " + WIDTH
                        + "), **f_args)",
                "        for i in range(raw.shape[0]):",
                "            d[i] = raw[i]",
                "    fd = os.open(path, os.O_RDONLY); os.fsync(fd); os.close(fd)",
                "    rates.append(raw.nbytes / 1e6 / (time.perf_counter() - start))",
                "    os.remove(path)",
                "print(statistics.median(rates))");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, raw.toString(), dir.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("h5py baseline failed: " + out);
        }
        return Double.parseDouble(out.lines().reduce((a, b) -> b).orElseThrow());
    }

    /** The noise images into the buffer, and the same bytes into {@code raw} for the Python baseline. */
    private static void fill(ImageBuffer buffer, int images, Path raw) throws IOException {
        NoiseImages.fill(buffer, images);
        try (FileChannel out = FileChannel.open(raw, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int slot = 0; slot < images; slot++) {
                out.write(buffer.pixels(slot).asReadOnlyBuffer());
            }
        }
    }
}
