package org.daqhub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.daqhub.datastore.StrainDocuments;

/**
 * {@code POST /datastore/streamdata} of a running hub with documents of 16,384 samples (4 s at
 * 4,096 Hz), from concurrent clients for a given time: documents/s, MB/s and latency; then, in the
 * same run, before the hub's run, a plain loop writing the same bytes to files with an fsync each
 * (no group commit; one thread, then as many threads as clients), in the directory given. The hub
 * runs a warm-up first (fifth argument, seconds, default 10), not counted.
 *
 * <pre>
 * java -jar target/daq-hub.jar --daqhub.detector.enabled=false --daqhub.data-dir=/work/bench-ds &amp;
 * mvn -Pbench test-compile exec:exec -Dbench.main=org.daqhub.bench.DatastoreBench \
 *     -Dbench.args="http://127.0.0.1:8080 16 30 /work/bench-ds/plain 10"
 * </pre>
 */
public final class DatastoreBench {

    public static void main(String[] args) throws Exception {
        String hub = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Path plainDir = Path.of(args.length > 3 ? args[3] : "target/bench-ds-plain");
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        byte[] doc = StrainDocuments.of(16_384, 42).getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        // The baselines first, on a quiet disk: the hub's run leaves gigabytes of dirty pages that
        // slow any fsync made right after it.
        double plain = plainLoop(doc, plainDir, 1, 10);
        double plainParallel = plainLoop(doc, plainDir, clients, 10);
        System.out.printf(Locale.ROOT, "plain loop, 1 thread: %.0f files/s, %.1f MB/s%n", plain, plain * doc.length / 1e6);
        System.out.printf(Locale.ROOT, "plain loop, %d threads: %.0f files/s, %.1f MB/s%n", clients, plainParallel,
                plainParallel * doc.length / 1e6);

        if (warmup > 0) {
            post(http, hub, clients, warmup, doc); // the JIT compiles the request path
        }
        cleanbuf(http, hub);
        sync();
        long[] lat = post(http, hub, clients, seconds, doc);
        double docs = lat.length / (double) seconds;
        System.out.printf(Locale.ROOT, "hub: %d clients, %d documents of %d bytes in %d s: %.0f documents/s, %.1f MB/s, "
                + "p50 %.1f ms, p99 %.1f ms; %.0f%% of the 1-thread plain loop%n", clients, lat.length, doc.length, seconds,
                docs, docs * doc.length / 1e6, lat[lat.length / 2] / 1000.0, lat[(int) (lat.length * 0.99)] / 1000.0,
                100 * docs / plain);
        cleanbuf(http, hub);
    }

    /** {@code clients} threads posting the document for {@code seconds}; answers the sorted latencies in µs. */
    private static long[] post(HttpClient http, String hub, int clients, int seconds, byte[] doc) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<long[]>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            results.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub + "/datastore/streamdata"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(doc))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200 || !r.body().contains("CREATED")) {
                        throw new IllegalStateException(r.statusCode() + " " + r.body());
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = (System.nanoTime() - t0) / 1000;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : results) {
            all.add(f.get());
        }
        pool.shutdown();
        return all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    }

    /** Archives what the hub holds, so runs do not add up to one huge batch. */
    private static void cleanbuf(HttpClient http, String hub) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(hub + "/datastore/cleanbuf")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"msg\": \"bench\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Files of the document written by {@code threads} threads with an fsync each, no HTTP or JSON: files/s. */
    private static double plainLoop(byte[] doc, Path dir, int threads, int seconds) throws Exception {
        Files.createDirectories(dir);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> counts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            counts.add(pool.submit(() -> {
                int written = 0;
                while (System.nanoTime() < end) {
                    Path f = dir.resolve("doc" + thread + "_" + written + ".json");
                    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        ByteBuffer b = ByteBuffer.wrap(doc);
                        while (b.hasRemaining()) {
                            ch.write(b);
                        }
                        ch.force(true);
                    }
                    written++;
                }
                return written;
            }));
        }
        int total = 0;
        for (Future<Integer> c : counts) {
            total += c.get();
        }
        pool.shutdown();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        sync();
        return total / (double) seconds;
    }

    private static void sync() throws Exception {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    private DatastoreBench() {
    }
}
