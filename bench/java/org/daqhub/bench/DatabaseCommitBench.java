package org.daqhub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.daqhub.config.SyncOnWriteFilePath;

/**
 * What durable commits cost in the embedded database. First the bare loop: H2 inserts (one commit
 * each) from 1 and N threads with H2's default (commits written within 500 ms), with
 * {@code WRITE_DELAY=0} (written at commit) and with the hub's {@code fsync:} file system (forced to
 * the device at commit). Then, for each running hub given (label=url, auth on with the admin
 * e-mail {@code admin@example.org}), sign-ups/s and event-stream creations/s from N clients.
 *
 * <pre>
 * java -jar target/daq-hub.jar --server.port=18081 --daqhub.broker.port=15673 --daqhub.data-dir=/tmp/db-new \
 *     --daqhub.detector.enabled=false --daqhub.auth.enabled=true --daqhub.auth.admin-email=admin@example.org \
 *     --daqhub.auth.attempts-per-address=1000000 --daqhub.auth.attempts-per-account=1000000 &amp;
 * (the same with --spring.datasource.url='jdbc:h2:file:/tmp/db-old/db/daqhub;DB_CLOSE_ON_EXIT=FALSE' on 18082/15674)
 * mvn -Pbench test-compile exec:exec -Dbench.main=org.daqhub.bench.DatabaseCommitBench \
 *     -Dbench.args="8 20 durable=http://127.0.0.1:18081 lazy=http://127.0.0.1:18082"
 * </pre>
 */
public final class DatabaseCommitBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        SyncOnWriteFilePath.register();
        Path dir = Files.createTempDirectory("commit-bench");
        System.out.println("| H2 inserts, one commit each | 1 thread | " + clients + " threads |");
        System.out.println("| --- | --- | --- |");
        for (String[] mode : new String[][] {{"default (WRITE_DELAY 500 ms)", "file:", ""},
                {"WRITE_DELAY=0", "file:", ";WRITE_DELAY=0"}, {"fsync: + WRITE_DELAY=0 (the hub's)", "file:fsync:", ";WRITE_DELAY=0"}}) {
            double one = inserts(dir, mode[1], mode[2], 1, 5);
            double many = inserts(dir, mode[1], mode[2], clients, 5);
            System.out.printf(Locale.ROOT, "| %s | %.0f/s | %.0f/s |%n", mode[0], one, many);
        }
        System.out.println();
        System.out.println("| hub | sign-ups/s | event streams created/s |");
        System.out.println("| --- | --- | --- |");
        for (int i = 2; i < args.length; i++) {
            String[] hub = args[i].split("=", 2);
            String token = adminToken(hub[1]);
            AtomicInteger n = new AtomicInteger();
            double signups = load(clients, seconds, () -> post(hub[1], "/signup", null,
                    "{\"email\": \"u" + n.incrementAndGet() + "-" + System.nanoTime() + "@example.org\","
                            + " \"password\": \"user-pass-1\"}", 201));
            double streams = load(clients, seconds, () -> post(hub[1], "/event-stream/", token,
                    "{\"routing_key\": \"bench." + n.incrementAndGet() + "\"}", 201));
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.0f |%n", hub[0], signups, streams);
        }
    }

    /** Inserts/s, each its own commit, from {@code threads} connections for {@code seconds}. */
    private static double inserts(Path dir, String scheme, String options, int threads, int seconds) throws Exception {
        String url = "jdbc:h2:" + scheme + dir.resolve("db" + System.nanoTime()) + options + ";DB_CLOSE_ON_EXIT=FALSE";
        try (Connection setup = DriverManager.getConnection(url, "sa", "")) {
            setup.createStatement().execute("CREATE TABLE t (id BIGINT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(200))");
            return load(threads, seconds, null, url);
        }
    }

    private static double load(int threads, int seconds, Step step) throws Exception {
        return load(threads, seconds, step, null);
    }

    /** Runs {@code step} in a loop on each thread (with its own JDBC connection when {@code jdbcUrl} is set). */
    private static double load(int threads, int seconds, Step step, String jdbcUrl) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                if (jdbcUrl != null) {
                    try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", "");
                            PreparedStatement insert = c.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
                        while (System.nanoTime() < end) {
                            insert.setString(1, "a row about the size of a user's");
                            insert.executeUpdate();
                            done.incrementAndGet();
                        }
                    }
                } else {
                    while (System.nanoTime() < end) {
                        step.run();
                        done.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return done.get() / (double) seconds;
    }

    private static String adminToken(String hub) throws Exception {
        HTTP.send(json(hub, "/signup", null, "{\"email\": \"admin@example.org\", \"password\": \"admin-pass-1\"}"),
                HttpResponse.BodyHandlers.ofString());
        String refresh = field(HTTP.send(json(hub, "/login", null,
                "{\"email\": \"admin@example.org\", \"password\": \"admin-pass-1\"}"), HttpResponse.BodyHandlers.ofString()).body(),
                "refresh_token");
        return field(HTTP.send(json(hub, "/token/refresh", refresh, ""), HttpResponse.BodyHandlers.ofString()).body(),
                "access_token");
    }

    private static void post(String hub, String path, String token, String body, int expected) throws Exception {
        HttpResponse<String> r = HTTP.send(json(hub, path, token, body), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static HttpRequest json(String hub, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\"");
        int start = json.indexOf('"', json.indexOf(':', at) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
