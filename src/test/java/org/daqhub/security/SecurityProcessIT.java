package org.daqhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import org.daqhub.support.Http;
import org.daqhub.support.HubProcess;
import org.daqhub.support.RouteFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attacks of the security probe, against the packaged hub with auth on: every one must be
 * refused, and access must be what each REST verb declares, closed where nothing is declared.
 */
class SecurityProcessIT {

    private static final String ADMIN = "admin@example.org";
    /** The verbs declared open in the shipped routes files; every other one needs a token. */
    private static final Set<String> OPEN = Set.of(
            "GET /", "GET /stats", "GET /live", "GET /ready", "GET /getconnection/{partition}",
            "POST /getconnection/{partition}",
            "GET /datastore/", "GET /datastore/stats", "GET /datastore/dumpbuf", "GET /datastore/desc",
            "GET /datastore/dspage", "GET /datastore/log", "GET /datastore/archives", "GET /datastore/archives/{name}",
            "GET /datastore/archives/{name}/{document}", "POST /datastore/streamdata",
            "GET /detectors", "GET /detector/{name}/stats", "GET /detector/{name}/preview", "GET /detector/{name}", "GET /write/{request_id}",
            "GET /writer",
            "GET /event-stream/", "GET /event-stream/version/", "GET /event-stream/stats",
            "GET /event-stream/watch/{uuid}",
            "GET /hub/info", "GET /servicex",
            "POST /servicex/internal/transformation/{id}/{file_id}/status",
            "POST /servicex/internal/transformation/{id}/start", "POST /servicex/internal/transformation/{id}/status",
            "PUT /servicex/internal/transformation/{id}/file-complete",
            "PUT /servicex/internal/transformation/{id}/complete",
            "POST /signup", "POST /login", "POST /token/refresh", "GET /auth/oidc/login", "GET /auth/oidc/callback");

    private static HubProcess hub;
    private static Http http;
    private static String adminToken;

    @BeforeAll
    static void start() throws Exception {
        hub = HubProcess.start("security", List.of("--daqhub.detector.enabled=false", "--daqhub.auth.enabled=true",
                "--daqhub.auth.admin-email=" + ADMIN, "--daqhub.auth.attempts-per-account=5",
                "--daqhub.auth.attempts-per-address=40", "--daqhub.http.body-timeout=8s"));
        http = hub.awaitHealthy(Duration.ofSeconds(60)).http();
        assertThat(http.postJson("/signup", "{\"email\": \"" + ADMIN + "\", \"password\": \"admin-pass-1\"}")
                .statusCode()).isEqualTo(201);
        adminToken = Http.json(http.postJson("/login", "{\"email\": \"" + ADMIN + "\", \"password\": \"admin-pass-1\"}"))
                .get("access_token").asText();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void headRunsNoProtectedGetWithoutAToken() {
        publish("p1", "DRO-1");
        for (String path : List.of("/resetService", "/resetStats", "/servicex/transformation/1/cancel",
                "/servicex/queues", "/users", "/pending")) {
            HttpResponse<String> head = send("HEAD", path, null, null);
            assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(401);
            assertThat(head.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
        assertThat(lookup("p1")).as("the registry was not reset").contains("DRO-1");
        assertThat(send("HEAD", "/resetService", adminToken, null).statusCode()).as("an admin may").isEqualTo(200);
        assertThat(lookup("p1")).as("HEAD ran the GET route for the admin").startsWith("{\"error\"");
    }

    @Test
    void optionsAnswersWithoutRunningTheRouteAndTraceIsRefused() {
        publish("p2", "DRO-2");
        HttpResponse<String> options = send("OPTIONS", "/resetService", null, null);
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.headers().firstValue("Allow").orElse("")).contains("GET");
        assertThat(lookup("p2")).as("OPTIONS did not reset the registry").contains("DRO-2");
        assertThat(send("FOO", "/resetService", null, null).statusCode()).as("a made-up method").isNotEqualTo(200);
        assertThat(send("PATCH", "/resetService", null, "{}").statusCode()).isIn(401, 405);
        for (String path : List.of("/resetService", "/publish", "/hub/info")) {
            HttpResponse<String> trace = send("TRACE", path, null, null);
            assertThat(trace.statusCode()).as("TRACE " + path).isEqualTo(405);
            assertThat(trace.body()).doesNotContain("Authorization");
        }
        assertThat(lookup("p2")).contains("DRO-2");
    }

    @Test
    void everyRestOperationNeedsATokenUnlessDeclaredOpen() {
        JsonNode doc = Http.json(http.get("/openapi.json"));
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        Set<String> open = new TreeSet<>();
        List<String> walked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                String operation = method + " " + path.getKey();
                JsonNode security = op.getValue().get("security");
                assertThat(security).as(operation + " declares its access").isNotNull();
                String concrete = path.getKey().replaceAll("\\{[^}]+}", "x1");
                if (security.isEmpty()) {
                    open.add(operation);
                    if (!operation.equals("POST /token/refresh")) { // checks its API token itself
                        assertThat(send(method, concrete, null, "{}").statusCode()).as(operation).isNotEqualTo(401);
                    }
                } else {
                    assertRefused(send(method, concrete, null, "{}"), operation);
                    assertRefused(send(method, concrete, "not-a-token", "{}"), operation + " with a bad token");
                    if (method.equals("GET")) {
                        assertRefused(send("HEAD", concrete, null, null), "HEAD " + path.getKey());
                    }
                }
                walked.add(operation);
            }
        }
        assertThat(walked).hasSizeGreaterThan(60);
        assertThat(open).isEqualTo(new TreeSet<>(OPEN));
    }

    @Test
    void aWriteVerbAddedLiveWithoutADeclarationIsClosed() {
        RouteFiles.write(hub.dir().resolve("routes"), "probe.yaml", """
                - rest:
                    post:
                      - id: probe-write
                        path: /probe/write
                        to: direct:probe-write
                - route:
                    id: probe-write-route
                    from:
                      uri: direct:probe-write
                      steps:
                        - setBody:
                            constant: "written"
                """);
        await().atMost(Duration.ofSeconds(20)).until(() -> http.postJson("/probe/write", "{}").statusCode() != 404);
        assertRefused(http.postJson("/probe/write", "{}"), "POST /probe/write");
        HttpResponse<String> allowed = send("POST", "/probe/write", adminToken, "{}");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("written");
        JsonNode info = Http.json(http.get("/hub/info"));
        assertThat(info.findValues("warnings").toString()).contains("POST /probe/write (probe-write)")
                .contains("no access declared");
        assertThat(route(info, "probe-write").get("access").asText()).isEqualTo("user");
        assertThat(route(info, "registry-lookup-get").get("access").asText()).isEqualTo("open");
        assertThat(route(info, "registry-reset-service").get("access").asText()).isEqualTo("admin");
    }

    @Test
    void aMalformedDeclarationRejectsTheFile() {
        RouteFiles.write(hub.dir().resolve("routes"), "typo.yaml", """
                - rest:
                    post:
                      - id: typo-write
                        path: /typo/write
                        security: [{key: bearer, scopes: everyone}]
                        to: direct:typo-write
                - route:
                    id: typo-write-route
                    from:
                      uri: direct:typo-write
                      steps:
                        - setBody:
                            constant: "written"
                """);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Http.json(http.get("/hub/info")).get("routeFiles").toString().contains("typo.yaml"));
        String files = Http.json(http.get("/hub/info")).get("routeFiles").toString();
        assertThat(files).contains("security must be").contains("typo-write");
        assertThat(http.postJson("/typo/write", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void accountsTokensAndCredentialsOnDiskAreTheOwnersOnly() throws Exception {
        Path data = hub.dir();
        for (String dir : List.of("db", "auth", "broker")) {
            assertThat(mode(data.resolve(dir))).as(dir).isEqualTo("rwx------");
        }
        assertThat(mode(data.resolve("db/daqhub.mv.db"))).isEqualTo("rw-------");
        assertThat(mode(data.resolve("auth/jwt-secret"))).isEqualTo("rw-------");
    }

    @Test
    void theEmbeddedBrokerRefusesGuestAndListensOnThisMachineOnly() throws Exception {
        Path file = hub.dir().resolve("broker/credentials");
        assertThat(mode(file)).isEqualTo("rw-------");
        Properties account = new Properties();
        try (var in = Files.newInputStream(file)) {
            account.load(in);
        }
        assertThat(account.getProperty("user")).isNotEqualTo("guest");

        // The probe published a write request to the request exchange with guest/guest.
        ConnectionFactory guest = broker("guest", "guest");
        assertThatThrownBy(guest::newConnection).isInstanceOf(PossibleAuthenticationFailureException.class);
        try (Connection agent = broker(account.getProperty("user"), account.getProperty("password")).newConnection()) {
            assertThat(agent.isOpen()).as("an agent with the generated account connects").isTrue();
        }
        for (InetAddress address : otherAddresses()) {
            assertThatThrownBy(() -> new Socket(address, hub.brokerPort()).close()).as(address.toString())
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void loginAttemptsAreLimitedPerAccountAndPerAddress() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(http.postJson("/login", "{\"email\": \"victim@example.org\", \"password\": \"guess-" + i + "\"}")
                    .statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = http.postJson("/login", "{\"email\": \"victim@example.org\", \"password\": \"x\"}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(Http.json(limited).get("error").asText()).contains("too many login attempts for victim@example.org");
        // (logging in as the admin would revoke the admin token the other tests use)
        assertThat(http.postJson("/login", "{\"email\": \"other@example.org\", \"password\": \"x\"}").statusCode())
                .as("another account is not held up").isEqualTo(401);

        // From another address (127.0.0.2), one guess per account: the address's own limit stops it.
        int status = 0;
        int sent = 0;
        while (status != 429 && sent < 60) {
            status = postFrom("127.0.0.2", "/login", "{\"email\": \"user" + sent++ + "@example.org\", \"password\": \"p\"}");
        }
        assertThat(status).isEqualTo(429);
        assertThat(sent).as("40 at once, and the few refilled meanwhile").isBetween(41, 50);
        assertThat(postFrom("127.0.0.2", "/signup", "{\"email\": \"new@example.org\", \"password\": \"long-enough\"}"))
                .as("sign-up counts against the same address").isEqualTo(429);
        assertThat(http.postJson("/login", "{\"email\": \"other@example.org\", \"password\": \"y\"}").statusCode())
                .as("127.0.0.1 is not held up").isEqualTo(401);
        assertThat(http.get("/actuator/prometheus").body()).containsPattern("daqhub_auth_attempts_refused_total \\d");
    }

    @Test
    void slowRequestBodiesNeitherStopTheHubNorStayForever() throws Exception {
        // 250 connections sending a body of 1000 bytes, a byte a second, half to a protected endpoint
        // without a token, half to an open one.
        List<Socket> attack = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            Socket socket = new Socket("127.0.0.1", http.uri("/").getPort());
            socket.setSoTimeout(60_000);
            String path = i % 2 == 0 ? "/publish" : "/datastore/streamdata";
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{").getBytes());
            attack.add(socket);
        }
        java.util.concurrent.ScheduledExecutorService dribble = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        dribble.scheduleAtFixedRate(() -> attack.forEach(socket -> {
            try {
                socket.getOutputStream().write(' ');
            } catch (java.io.IOException closedByTheHub) {
                // answered already
            }
        }), 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        try {
            int[] answered = {0};
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(http.get("/actuator/health").body()).startsWith("{\"status\":\"UP\"");
                // another client's request with a body (this client's own are held to its limit)
                assertThat(postFrom("127.0.0.2", "/getconnection/none", "{\"uid_regex\": \".*\", \"data_type\": \"T\"}"))
                        .isEqualTo(404);
                assertThat(http.get("/event-stream/").statusCode()).isEqualTo(200);
                return ++answered[0] >= 6;
            });
            assertThat(metric("daqhub_http_bodies_pending")).as("still arriving while the hub answered").isEqualTo(32);

            Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            for (Socket socket : attack) {
                String line = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream())).readLine();
                statuses.merge(Integer.parseInt(line.split(" ")[1]), 1, Integer::sum);
            }
            assertThat(statuses).as("32 slow bodies at once per client; the rest refused at once, the 32 cut off")
                    .isEqualTo(Map.of(429, 218, 408, 32));
            assertThat(metric("daqhub_http_bodies_pending")).isZero();
            assertThat(metric("daqhub_http_bodies_refused_total{reason=\"timeout\"}")).isEqualTo(32);
        } finally {
            dribble.shutdownNow();
            for (Socket socket : attack) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyArrivingInPiecesIsReceivedWholeAndStillChecked() throws Exception {
        String body = "{\"partition\": \"slow\", \"connections\": [{\"uid\": \"DRO-slow\", \"uri\": \"tcp://h:1\","
                + " \"data_type\": \"T\", \"connection_type\": 0}]}";
        for (String token : new String[] {null, adminToken}) {
            try (Socket socket = new Socket("127.0.0.1", http.uri("/").getPort())) {
                socket.setSoTimeout(30_000);
                double before = metric("daqhub_http_bodies_deferred_total");
                socket.getOutputStream().write(("POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
                        + body.substring(0, 10)).getBytes());
                socket.getOutputStream().flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> metric("daqhub_http_bodies_deferred_total") > before);
                socket.getOutputStream().write(body.substring(10).getBytes());
                String answer = new String(socket.getInputStream().readAllBytes());
                assertThat(answer).startsWith(token == null ? "HTTP/1.1 401" : "HTTP/1.1 200");
            }
        }
        assertThat(lookup("slow")).contains("DRO-slow");
    }

    private static double metric(String name) {
        for (String line : http.get("/actuator/prometheus").body().split("\n")) {
            if (line.startsWith(name + " ") || (line.startsWith(name + "{") && !name.contains("{"))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
            if (name.contains("{") && line.startsWith(name.substring(0, name.indexOf('{')) + "{")
                    && line.contains(name.substring(name.indexOf('{') + 1, name.length() - 1))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no metric " + name);
    }

    /** POST over a socket bound to {@code local}: the hub sees that client address. */
    private static int postFrom(String local, String path, String json) throws Exception {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), http.uri("/").getPort(),
                InetAddress.getByName(local), 0)) {
            byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private static ConnectionFactory broker(String user, String password) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(hub.brokerPort());
        factory.setUsername(user);
        factory.setPassword(password);
        return factory;
    }

    /** This machine's addresses other than loopback (the broker must not answer on them). */
    private static List<InetAddress> otherAddresses() throws Exception {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
                    if (a instanceof java.net.Inet4Address) {
                        addresses.add(a);
                    }
                }
            }
        }
        return addresses;
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static JsonNode route(JsonNode info, String id) {
        for (JsonNode route : info.get("routes")) {
            if (route.get("id").asText().equals(id)) {
                return route;
            }
        }
        throw new AssertionError("no route " + id + " in " + info);
    }

    private static void assertRefused(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(401);
        if (!"HEAD".equals(response.request().method())) {
            assertThat(Http.json(response).get("error").asText()).as(what).startsWith("Authentication Failed");
        }
    }

    private static void publish(String partition, String uid) {
        HttpResponse<String> r = send("POST", "/publish", adminToken, "{\"partition\": \"" + partition + "\","
                + " \"connections\": [{\"uid\": \"" + uid + "\", \"uri\": \"tcp://h:1\", \"data_type\": \"T\","
                + " \"connection_type\": 0}]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static String lookup(String partition) {
        return http.postJson("/getconnection/" + partition, "{\"uid_regex\": \".*\", \"data_type\": \"T\"}").body();
    }

    private static HttpResponse<String> send(String method, String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(http.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b);
    }
}
