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
import java.util.Map;
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
 * runs a warm-up first (fifth argument, seconds, default 10), not counted. The clients are the
 * JDK's HttpClient in this JVM, or wrk when the sixth argument is {@code wrk}. Also printed: the
 * CPU time of the hub's process and of this one per document, and where the hub's requests waited
 * (its {@code daqhub_datastore_*} sync counters).
 *
 * <pre>
 * java -jar target/daq-hub.jar --daqhub.detector.enabled=false --daqhub.data-dir=/work/bench-ds &amp;
 * mvn -Pbench test-compile exec:exec -Dbench.main=org.daqhub.bench.DatastoreBench \
 *     -Dbench.args="http://127.0.0.1:8080 16 30 /work/bench-ds/plain 40 wrk"
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

        Load load = args.length > 5 && args[5].equals("wrk") ? new Wrk(doc) : new JdkClients(http, doc);
        if (warmup > 0) {
            load.run(hub, clients, warmup); // the JIT compiles the request path
        }
        cleanbuf(http, hub);
        sync();
        ProcessCpu cpu = ProcessCpu.start();
        Map<String, Double> before = datastoreMetrics(http, hub);
        Result r = load.run(hub, clients, seconds);
        printCpu(cpu, r.documents());
        printWaits(before, datastoreMetrics(http, hub));
        long stored = storedDocuments(http, hub);
        double docs = r.documents() / (double) seconds;
        System.out.printf(Locale.ROOT, "hub (%s): %d clients, %d documents of %d bytes in %d s: %.0f documents/s, %.1f MB/s, "
                + "p50 %.1f ms, p99 %.1f ms; %.0f%% of the 1-thread plain loop; %d stored%s%n", load.name(), clients,
                r.documents(), doc.length, seconds, docs, docs * doc.length / 1e6, r.p50Millis(), r.p99Millis(),
                100 * docs / plain, stored, stored >= r.documents() && stored <= r.documents() + clients ? ""
                        : " (MISMATCH: fewer stored than answered, or more than the requests in flight at the end)");
        cleanbuf(http, hub);
    }

    /** Documents answered CREATED in a run, with the latency percentiles. */
    record Result(long documents, double p50Millis, double p99Millis) {
    }

    /** What sends the documents: the JDK's HttpClient in this JVM, or wrk. */
    interface Load {
        String name();

        Result run(String hub, int clients, int seconds) throws Exception;
    }

    /** {@code clients} threads of this JVM, each posting with the JDK's HttpClient and checking every answer. */
    record JdkClients(HttpClient http, byte[] doc) implements Load {
        public String name() {
            return "JDK HttpClient";
        }

        public Result run(String hub, int clients, int seconds) throws Exception {
            long[] lat = post(http, hub, clients, seconds, doc);
            return new Result(lat.length, lat[lat.length / 2] / 1000.0, lat[(int) (lat.length * 0.99)] / 1000.0);
        }
    }

    /**
     * wrk (C, event loop; {@code apt-get install wrk}) with {@code bench/datastore-post.lua}: the JDK
     * client costs almost a millisecond of CPU per 300 KB document on the same 2 cores as the hub,
     * wrk a fraction of that. Two wrk threads share the connections. Every non-2xx answer is counted
     * as an error, and the stored count is compared with the answered one after the run.
     */
    static final class Wrk implements Load {
        private final Path docFile;

        Wrk(byte[] doc) throws Exception {
            docFile = Files.createTempFile("strain-doc", ".json");
            docFile.toFile().deleteOnExit();
            Files.write(docFile, doc);
        }

        public String name() {
            return "wrk";
        }

        public Result run(String hub, int clients, int seconds) throws Exception {
            ProcessBuilder pb = new ProcessBuilder("wrk", "-t", "2", "-c", String.valueOf(clients), "-d", seconds + "s",
                    "--timeout", "10s", "-s", "bench/datastore-post.lua", hub + "/datastore/streamdata");
            pb.environment().put("STRAIN_DOC", docFile.toString());
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("wrk failed: " + out);
            }
            String line = out.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no RESULT line from wrk: " + out));
            String[] f = line.split(" ");
            long requests = Long.parseLong(f[1]);
            long errors = Long.parseLong(f[2]);
            if (errors > 0) {
                throw new IllegalStateException(errors + " requests failed (non-2xx or socket errors): " + out);
            }
            return new Result(requests, Long.parseLong(f[3]) / 1000.0, Long.parseLong(f[4]) / 1000.0);
        }
    }

    /** The hub's {@code daqhub_datastore_*} counters from /actuator/prometheus. */
    private static Map<String, Double> datastoreMetrics(HttpClient http, String hub) throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create(hub + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> m = new java.util.HashMap<>();
        text.lines().filter(l -> l.startsWith("daqhub_datastore_")).forEach(l -> {
            int space = l.lastIndexOf(' ');
            m.put(l.substring(0, space), Double.parseDouble(l.substring(space + 1)));
        });
        return m;
    }

    /** Where the stored documents waited, per document, from the hub's counters. */
    private static void printWaits(Map<String, Double> before, Map<String, Double> after) {
        java.util.function.Function<String, Double> delta = name -> after.getOrDefault(name, 0.0)
                - before.getOrDefault(name, 0.0);
        double docs = delta.apply("daqhub_datastore_documents_stored_total");
        if (docs <= 0) {
            System.out.println("no daqhub_datastore_* metrics from the hub");
            return;
        }
        System.out.printf(Locale.ROOT, "per document: %.1f ms writing and syncing its file, %.1f ms waiting for the "
                + "directory fsync; %.2f directory fsyncs per document%n",
                1000 * delta.apply("daqhub_datastore_file_sync_seconds_total") / docs,
                1000 * delta.apply("daqhub_datastore_directory_sync_wait_seconds_total") / docs,
                delta.apply("daqhub_datastore_directory_syncs_total") / docs);
    }

    /** {@code n_itm} of the hub's current batch. */
    private static long storedDocuments(HttpClient http, String hub) throws Exception {
        String stats = http.send(HttpRequest.newBuilder(URI.create(hub + "/datastore/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"n_itm\"\\s*:\\s*(\\d+)").matcher(stats);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
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

    /**
     * CPU time of the hub's process (found by its command line, {@code daq-hub.jar}) and of this
     * bench's during the measured run, per document: on 2 shared cores the rate is bound by their
     * sum, and the per-document cost varies less between runs than the rate.
     */
    private static void printCpu(ProcessCpu cpu, long documents) {
        if (!cpu.found()) {
            System.out.println("hub process (daq-hub.jar) not found: no CPU figures");
            return;
        }
        System.out.printf(Locale.ROOT, "CPU per document: hub %.2f ms, bench client %.2f ms%n",
                cpu.hubNanos() / 1e6 / documents, cpu.benchNanos() / 1e6 / documents);
    }

    private static void sync() throws Exception {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    private DatastoreBench() {
    }
}
