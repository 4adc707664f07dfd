package org.daqhub.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.processors.receive.PixelType;
import org.daqhub.processors.preview.ImagePreview;
import org.daqhub.support.HubProcess;

/**
 * What the operator console costs the hub (packaged, its own process, shipped detector definitions):
 * <ol>
 * <li>open pages: the hub's CPU with no page open, then with {@code pages} pages each holding its
 * live stream, each over {@code seconds}; the difference as a share of one core (target: ten
 * pages under 2%);</li>
 * <li>previews of a 1024 x 1024 image: the hub's CPU per {@code GET /detector/jungfrau-sim/preview}
 * (HTTP included, idle CPU taken out), and in this JVM the thread CPU of scaling one image
 * beside a bulk copy of the same image, the baseline (target: under 10 ms a preview).</li>
 * </ol>
 * <pre>mvn -Pbench test-compile exec:exec -Dbench.main=org.daqhub.bench.ConsoleBench -Dbench.args="30 10 3"</pre>
 * (seconds per measurement, pages, rounds of idle then pages).
 * Needs target/daq-hub.jar.
 */
public final class ConsoleBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        inProcessPreview(300);
        try (HubProcess hub = HubProcess.start("console-bench", List.of("-Xmx1g"),
                List.of("--daqhub.detector.bind-address=127.0.0.1", "--logging.level.org.daqhub=WARN"), Map.of())) {
            hub.awaitHealthy(Duration.ofMinutes(2));
            String base = hub.http().uri("/").toString().replaceAll("/$", "");
            HttpClient client = HttpClient.newHttpClient();
            ProcessHandle process = hub.process().toHandle();

            // warm-up: the JIT compiles the snapshot and the page's path; not measured
            openPages(client, base, 1, seconds, process);
            // idle and open pages alternate, so that drifts of the idle hub's own CPU fall on both
            System.out.printf(Locale.ROOT, "%n| round | hub CPU idle (baseline) | with %d pages open | difference | "
                    + "snapshots received |%n| --- | --- | --- | --- | --- |%n", pages);
            double idleSum = 0;
            double diffSum = 0;
            for (int round = 1; round <= rounds; round++) {
                double idle = cpuShare(process, seconds, () -> { });
                PageRun run = openPages(client, base, pages, seconds, process);
                idleSum += idle;
                diffSum += run.cpuShare - idle;
                System.out.printf(Locale.ROOT, "| %d | %.2f%% | %.2f%% | %.2f%% | %d |%n", round, idle * 100,
                        run.cpuShare * 100, (run.cpuShare - idle) * 100, run.events);
            }
            double idle = idleSum / rounds;
            System.out.printf(Locale.ROOT, "%n%d pages cost the hub %.2f%% of a core over the idle hub (mean of %d rounds)%n",
                    pages, diffSum / rounds * 100, rounds);

            previewOverHttp(client, base, hub, process, idle, 300);
        }
    }

    /** Scales a 1024 x 1024 uint16 image {@code n} times here, beside a bulk copy of it (thread CPU). */
    private static void inProcessPreview(int n) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ByteBuffer image = ByteBuffer.allocateDirect(1024 * 1024 * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 1024 * 1024; i++) {
            image.putShort(i * 2, (short) (i * 7 & 0x3FFF));
        }
        ByteBuffer copy = ByteBuffer.allocateDirect(image.capacity());
        for (int warm = 0; warm < 50; warm++) {
            ImagePreview.of(image, PixelType.UINT16, 1024, 1024, 512).littleEndianFloats();
            copy.clear().put(image.duplicate().clear());
        }
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            copy.clear().put(image.duplicate().clear());
        }
        double copyMs = (threads.getCurrentThreadCpuTime() - start) / 1e6 / n;
        System.out.printf(Locale.ROOT, "| 1024 x 1024 uint16, per image | thread CPU | per copy |%n| --- | --- | --- |%n");
        System.out.printf(Locale.ROOT, "| bulk copy of the image (baseline) | %.3f ms | 1.00 |%n", copyMs);
        for (int side : new int[] {256, 512, 1024}) {
            start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                ImagePreview.of(image, PixelType.UINT16, 1024, 1024, side).littleEndianFloats();
            }
            double ms = (threads.getCurrentThreadCpuTime() - start) / 1e6 / n;
            System.out.printf(Locale.ROOT, "| preview at most %d a side, with its float bytes | %.3f ms | %.2f |%n", side,
                    ms, ms / copyMs);
        }
    }

    /**
     * The hub's CPU per preview request of jungfrau-sim (1024 x 1024) at two sizes, beside a
     * request for /hub/info (the HTTP path alone), idle CPU taken out.
     */
    private static void previewOverHttp(HttpClient client, String base, HubProcess hub, ProcessHandle process,
            double idleShare, int n) throws Exception {
        JsonNode info = JSON.readTree(hub.http().get("/detectors").body()).at("/detectors/jungfrau-sim");
        SimulatorRun.send("config/detectors/jungfrau-sim.json", info.at("/udp_ports/0").asInt(), 50, 5, 1);
        System.out.printf(Locale.ROOT, "%n| over HTTP, one after another | hub CPU per request | requests/s | body |%n"
                + "| --- | --- | --- | --- |%n");
        for (String path : List.of("/hub/info", "/detector/jungfrau-sim/preview?max_size=64",
                "/detector/jungfrau-sim/preview?max_size=256", "/detector/jungfrau-sim/preview?max_size=512")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).build();
            int bytes = 0;
            for (int warm = 0; warm < 100; warm++) {
                bytes = check(client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
            }
            long cpuStart = cpu(process);
            long wallStart = System.nanoTime();
            for (int i = 0; i < n; i++) {
                check(client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
            }
            double wall = (System.nanoTime() - wallStart) / 1e9;
            double cpuMs = ((cpu(process) - cpuStart) / 1e6 - idleShare * wall * 1000) / n;
            System.out.printf(Locale.ROOT, "| GET %s%s | %.2f ms | %.1f | %d bytes |%n", path,
                    path.equals("/hub/info") ? " (baseline)" : "", cpuMs, n / wall, bytes);
        }
    }

    private static int check(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": "
                    + new String(response.body()));
        }
        return response.body().length;
    }

    private record PageRun(double cpuShare, long events) {
    }

    /**
     * Opens {@code pages} console streams as a browser does (one HTTP connection each, read as
     * events arrive), holds them {@code seconds} while measuring the hub, then closes them.
     */
    private static PageRun openPages(HttpClient client, String base, int pages, int seconds, ProcessHandle process)
            throws Exception {
        URI uri = URI.create(base);
        AtomicLong events = new AtomicLong();
        List<java.net.Socket> sockets = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort());
            socket.getOutputStream().write(("GET /hub/console/stream HTTP/1.1\r\nHost: " + uri.getHost()
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            sockets.add(socket);
            Thread reader = new Thread(() -> {
                try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        java.nio.charset.StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("event:")) {
                            events.incrementAndGet();
                        }
                    }
                } catch (java.io.IOException closed) {
                    // the bench closed the page
                }
            }, "page-" + i);
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }
        Thread.sleep(1000); // the pages' first snapshots, sent as they open, are not the steady cost
        long before = events.get();
        double share = cpuShare(process, seconds, () -> { });
        long received = events.get() - before;
        for (java.net.Socket socket : sockets) {
            socket.close();
        }
        for (Thread reader : readers) {
            reader.join(5000);
        }
        Thread.sleep(2000); // the hub notices the closed pages at its next write
        return new PageRun(share, received);
    }

    private static double cpuShare(ProcessHandle process, int seconds, Runnable during) throws InterruptedException {
        long cpuStart = cpu(process);
        long wallStart = System.nanoTime();
        during.run();
        Thread.sleep(seconds * 1000L);
        return (double) (cpu(process) - cpuStart) / (System.nanoTime() - wallStart);
    }

    private static long cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElseThrow();
    }
}
