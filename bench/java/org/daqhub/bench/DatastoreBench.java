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
 * same run, a plain loop writing the same bytes to files with an fsync each (no group commit), in
 * the directory given.
 *
 * <pre>
 * java -jar target/daq-hub.jar --daqhub.detector.enabled=false --daqhub.data-dir=/work/bench-ds &amp;
 * mvn -Pbench test-compile exec:exec -Dbench.main=org.daqhub.bench.DatastoreBench \
 *     -Dbench.args="http://127.0.0.1:8080 16 30 /work/bench-ds/plain"
 * </pre>
 */
public final class DatastoreBench {

    public static void main(String[] args) throws Exception {
        String hub = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Path plainDir = Path.of(args.length > 3 ? args[3] : "target/bench-ds-plain");
        byte[] doc = StrainDocuments.of(16_384, 42).getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        http.send(HttpRequest.newBuilder(URI.create(hub + "/datastore/cleanbuf")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"msg\": \"bench\"}")).build(), HttpResponse.BodyHandlers.ofString());

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
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
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] lat = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        double docs = lat.length / elapsed;
        System.out.printf(Locale.ROOT, "hub: %d clients, %d documents of %d bytes in %.1f s: %.0f documents/s, %.1f MB/s, "
                + "p50 %.1f ms, p99 %.1f ms%n", clients, lat.length, doc.length, elapsed, docs, docs * doc.length / 1e6,
                lat[lat.length / 2] / 1000.0, lat[(int) (lat.length * 0.99)] / 1000.0);

        Files.createDirectories(plainDir);
        long plainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(seconds, 10));
        long plainStart = System.nanoTime();
        int written = 0;
        while (System.nanoTime() < plainEnd) {
            Path f = plainDir.resolve("doc" + written + ".json");
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(doc);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            written++;
        }
        double plainSeconds = (System.nanoTime() - plainStart) / 1e9;
        System.out.printf(Locale.ROOT, "plain loop: %d files with fsync in %.1f s: %.0f files/s, %.1f MB/s%n", written,
                plainSeconds, written / plainSeconds, written / plainSeconds * doc.length / 1e6);
        try (var files = Files.list(plainDir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }

    private DatastoreBench() {
    }
}
