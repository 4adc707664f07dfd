package org.daqhub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import org.daqhub.support.FreePorts;
import org.daqhub.support.Http;
import org.daqhub.support.HubProcess;
import org.daqhub.support.TestImageFiles;
import org.daqhub.processors.filewriter.hdf5.Compression;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Auth on, over HTTP against the packaged hub: sign-up and approval (with the Slack-style webhook and
 * the approval e-mail to an SMTP server in the test), tokens (refresh, expiry, revocation, forgery),
 * and roles on the other capabilities' endpoints.
 */
class AuthProcessIT {

    private static final String ADMIN = "admin@example.org";
    private static HubProcess hub;
    private static Http http;
    private static GreenMail smtp;
    private static HttpServer webhook;
    private static final BlockingQueue<String> WEBHOOK_CALLS = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(FreePorts.tcp(), "127.0.0.1", "smtp"));
        smtp.start();
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            WEBHOOK_CALLS.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
        hub = HubProcess.start("auth", List.of("--daqhub.detector.enabled=false", "--daqhub.auth.enabled=true",
                "--daqhub.auth.admin-email=" + ADMIN, "--daqhub.auth.access-token-ttl=10s",
                "--daqhub.auth.signup-webhook-url=http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.getSmtp().getPort()));
        TestImageFiles.write(hub.dir().resolve("output/auth/run.h5"), 1, Compression.NONE);
        http = hub.awaitHealthy(Duration.ofSeconds(60)).http();
    }

    @AfterAll
    static void stop() {
        hub.close();
        smtp.stop();
        webhook.stop(0);
    }

    @Test
    void signUpApprovalTokensAndRolesEndToEnd() throws Exception {
        // the configured admin's first sign-up is admin at once
        HttpResponse<String> admin = http.postJson("/signup", "{\"email\": \"" + ADMIN + "\", \"password\": \"admin-pass-1\"}");
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(201);
        assertThat(Http.json(admin).get("admin").asBoolean()).isTrue();
        String adminToken = Http.json(http.postJson("/login", "{\"email\": \"" + ADMIN + "\", \"password\": \"admin-pass-1\"}"))
                .get("refresh_token").asText();

        // anyone else waits for approval; the webhook hears of it
        assertThat(http.postJson("/signup", "{\"email\": \"bob@example.org\", \"password\": \"bob-pass-12\","
                + " \"name\": \"Bob\", \"experiment\": \"SLS\"}").statusCode()).isEqualTo(201);
        assertThat(WEBHOOK_CALLS.poll(10, TimeUnit.SECONDS)).contains(ADMIN).contains("signed up as admin");
        String hook = WEBHOOK_CALLS.poll(10, TimeUnit.SECONDS);
        assertThat(hook).contains("bob@example.org").contains("waiting for approval").startsWith("{\"text\":");
        assertError(http.postJson("/login", "{\"email\": \"bob@example.org\", \"password\": \"bob-pass-12\"}"), 403,
                "pending approval");
        assertError(http.postJson("/signup", "{\"email\": \"bob@example.org\", \"password\": \"another-pass\"}"), 409,
                "exists already");
        assertError(http.postJson("/login", "{\"email\": \"bob@example.org\", \"password\": \"wrong-pass\"}"), 401,
                "Authentication Failed: wrong e-mail or password");

        // admin endpoints want an admin's access token
        assertError(http.get("/pending"), 401, "Authentication Failed: no token");
        JsonNode pending = Http.json(get("/pending", access(adminToken)));
        assertThat(pending.get("users").findValuesAsText("email")).containsExactly("bob@example.org");
        assertThat(send("POST", "/accept", access(adminToken), "{\"email\": \"bob@example.org\"}").body())
                .contains("user bob@example.org now ready for access");
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("bob@example.org");
        assertThat(mail.getSubject()).contains("ready");

        String bobToken = Http.json(http.postJson("/login", "{\"email\": \"bob@example.org\", \"password\": \"bob-pass-12\"}"))
                .get("refresh_token").asText();
        String bob = access(bobToken);
        assertError(get("/users", bob), 403, "for admins");
        assertThat(Http.json(get("/users", access(adminToken))).get("users").findValuesAsText("email"))
                .containsExactly(ADMIN, "bob@example.org");

        // the other capabilities' write endpoints want a user; reads stay open
        assertError(http.postJson("/event-stream/", "{\"routing_key\": \"k\"}"), 401, "no token");
        assertThat(send("POST", "/event-stream/", bob, "{\"routing_key\": \"k\"}").statusCode()).isEqualTo(201);
        assertThat(http.get("/event-stream/").statusCode()).isEqualTo(200);
        assertError(http.postJson("/publish", "{\"partition\": \"p\", \"connections\": []}"), 401, "no token");
        assertThat(http.postJson("/getconnection/p", "{\"uid_regex\": \".*\", \"data_type\": \"x\"}").statusCode())
                .as("lookups stay open (404: no such partition)").isEqualTo(404);
        assertError(http.postJson("/datastore/train", "{\"user\": \"u\", \"token\": \"t\"}"), 401, "no token");
        assertError(http.postJson("/write_async", "{}"), 401, "no token");
        assertError(http.postJson("/servicex/transformation", "{}"), 401, "no token");
        assertThat(send("POST", "/servicex/transformation", bob, "{}").statusCode()).as("past auth, a bad request")
                .isEqualTo(400);
        HttpResponse<String> submitted = send("POST", "/servicex/transformation", bob, "{\"did\": \"local://output/auth/*.h5\","
                + " \"columns\": \"sum\", \"result-destination\": \"volume\"}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        long bobsId = Http.json(get("/users", access(adminToken))).get("users").get(1).get("id").asLong();
        assertThat(Http.json(get("/servicex/transformation/" + Http.json(submitted).get("request_id").asText(), bob))
                .get("submitted-by").asLong()).as("recorded as bob's request").isEqualTo(bobsId);
        assertError(get("/resetService", bob), 403, "for admins");

        // forged and malformed tokens
        assertError(get("/pending", "not-a-token"), 401, "not a JWT");
        String[] parts = bob.split("\\.");
        assertError(get("/pending", parts[0] + "." + parts[1] + ".c2lnbmF0dXJl"), 401, "signature is not valid");
        assertError(send("POST", "/token/refresh", bob, ""), 401, "refresh (API) token is needed");

        // a new API token revokes the old one and the access tokens made from it
        String oldRefresh = bobToken;
        String oldAccess = access(oldRefresh);
        Http.json(http.postJson("/login", "{\"email\": \"bob@example.org\", \"password\": \"bob-pass-12\"}"));
        HttpResponse<String> outdated = send("POST", "/token/refresh", oldRefresh, "");
        assertThat(outdated.statusCode()).isEqualTo(401);
        assertThat(Http.json(outdated).get("message").asText()).isEqualTo("Invalid or outdated refresh token");
        assertError(send("POST", "/event-stream/", oldAccess, "{\"routing_key\": \"k\"}"), 401, "revoked");

        // access tokens expire (10 s here)
        String shortLived = access(adminToken);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> get("/pending", shortLived).statusCode() == 401);
        assertError(get("/pending", shortLived), 401, "expired");

        // a deleted user's tokens stop working; DELETE /pending rejects every sign-up waiting
        long bobId = Http.json(get("/users", access(adminToken))).get("users").get(1).get("id").asLong();
        String bobNow = Http.json(http.postJson("/login", "{\"email\": \"bob@example.org\", \"password\": \"bob-pass-12\"}"))
                .get("access_token").asText();
        assertThat(send("DELETE", "/users/" + bobId, access(adminToken), null).statusCode()).isEqualTo(200);
        assertError(send("DELETE", "/users/" + bobId, access(adminToken), null), 404, "not found");
        assertError(send("POST", "/event-stream/", bobNow, "{\"routing_key\": \"k\"}"), 401, "no longer exists");
        http.postJson("/signup", "{\"email\": \"carol@example.org\", \"password\": \"carol-pass-1\"}");
        assertThat(send("DELETE", "/pending", access(adminToken), null).body()).contains("1 pending user(s) rejected");
        assertThat(Http.json(get("/pending", access(adminToken))).get("users")).isEmpty();
    }

    @Test
    void badSignUpsAreRefusedWithTheirReason() {
        assertError(http.postJson("/signup", "{\"email\": \"x@example.org\"}"), 400, "password is missing");
        assertError(http.postJson("/signup", "{\"email\": \"not-an-address\", \"password\": \"long-enough\"}"), 400,
                "is not an e-mail address");
        assertError(http.postJson("/signup", "{\"email\": \"y@example.org\", \"password\": \"short\"}"), 400,
                "at least 8 characters");
        assertError(http.postJson("/signup", "{oops"), 400, "");
        assertError(http.postJson("/signup", "{\"email\": \"z@example.org\", \"password\": \"" + "p".repeat(73) + "\"}"), 400,
                "at most 72 bytes");
        assertError(http.postJson("/signup", "{\"email\": \"w@example.org\", \"password\": \"long-enough\", \"name\": \""
                + "n".repeat(256) + "\"}"), 400, "name must be at most 255 characters");
        assertError(http.postJson("/signup", "{\"email\": \"" + "e".repeat(250) + "@x.org\", \"password\": \"long-enough\"}"),
                400, "at most 254 characters");
        assertError(http.postJson("/login", "{\"email\": \"nobody@example.org\", \"password\": \"whatever-1\"}"), 401,
                "wrong e-mail or password");
    }

    private static String access(String refresh) {
        HttpResponse<String> r = send("POST", "/token/refresh", refresh, "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r).get("access_token").asText();
    }

    private static HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null);
    }

    private static HttpResponse<String> send(String method, String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(http.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b);
    }

    private static void assertError(HttpResponse<String> r, int status, String text) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = Http.json(r);
        assertThat(body.get("error").asText()).contains(text);
        assertThat(body.get("message").asText()).isEqualTo(body.get("error").asText());
    }
}
