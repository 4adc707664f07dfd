package org.daqhub.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.daqhub.datastore.StrainDocuments;
import org.daqhub.processors.filewriter.hdf5.Compression;
import org.daqhub.support.Http;
import org.daqhub.support.HubProcess;
import org.daqhub.support.TestImageFiles;
import org.junit.jupiter.api.Test;

/**
 * Acknowledged means durable, and nothing is stuck after a crash: the packaged hub (embedded
 * default, auth on, embedded transformers) is killed with SIGKILL at a random moment while clients
 * sign up, create event streams, store datastore documents and submit transformation requests,
 * then started again on the same data directory. Every sign-up and stream answered 201, every
 * document answered CREATED and every request answered with its id is there after the restart;
 * every request completes; tokens issued before
 * the crash still work and a revoked one stays revoked. {@code -Dfaults.cycles=N} (default 3) for a
 * soak; {@code -Dfaults.seed} repeats a run. Prints one line per cycle and the totals.
 */
class CrashRecoveryIT {

    private static final String ADMIN = "admin@example.org";
    private static final int CYCLES = Integer.getInteger("faults.cycles", 3);
    private static final long SEED = Long.getLong("faults.seed", System.nanoTime());
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Pattern DOCUMENT = Pattern.compile("Written (gwb[0-9]+\\.json)");

    private Http http;

    @Test
    void acknowledgedWritesSurviveKillMinus9AndNoRequestIsStuck() throws Exception {
        Random random = new Random(SEED);
        Set<String> users = new HashSet<>();
        Set<String> streams = new HashSet<>();
        Set<String> documents = new HashSet<>();
        List<String> requests = new ArrayList<>();
        List<String> report = new ArrayList<>();
        HubProcess hub = HubProcess.start("crash", List.of("--daqhub.detector.enabled=false",
                "--daqhub.auth.enabled=true", "--daqhub.auth.admin-email=" + ADMIN,
                "--daqhub.auth.attempts-per-account=100000", "--daqhub.auth.attempts-per-address=100000",
                "--daqhub.requests.file-timeout=5s", "--daqhub.requests.check-interval=1s"));
        try {
            for (int f = 1; f <= 12; f++) {
                TestImageFiles.write(hub.dir().resolve("output/crash/run_" + f + ".h5"), 3, Compression.LZ4);
            }
            http = hub.awaitHealthy(Duration.ofSeconds(90)).http();
            assertThat(http.postJson("/signup", "{\"email\": \"" + ADMIN + "\", \"password\": \"admin-pass-1\"}")
                    .statusCode()).isEqualTo(201);
            String revoked = login();
            String refresh = login(); // a new API token revokes the previous one

            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                String access = access(refresh);
                ConcurrentLinkedQueue<String> ackedUsers = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<String> ackedStreams = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<String> ackedRequests = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<String> ackedDocuments = new ConcurrentLinkedQueue<>();
                AtomicBoolean crashed = new AtomicBoolean();
                int c = cycle;
                Thread load = new Thread(() -> {
                    for (int i = 0; !crashed.get(); i++) {
                        try {
                            String email = "user-" + c + "-" + i + "@example.org";
                            if (http.postJson("/signup", "{\"email\": \"" + email + "\", \"password\": \"user-pass-1\"}")
                                    .statusCode() == 201) {
                                ackedUsers.add(email);
                            }
                            HttpResponse<String> stream = send("POST", "/event-stream/", access,
                                    "{\"routing_key\": \"crash." + c + "." + i + "\"}");
                            if (stream.statusCode() == 201) {
                                ackedStreams.add(Http.json(stream).get("id").asText());
                            }
                            for (int d = 0; d < 3; d++) {
                                HttpResponse<String> stored = http.postJson("/datastore/streamdata",
                                        StrainDocuments.of(64, c * 100_000L + i * 10L + d));
                                Matcher name = DOCUMENT.matcher(stored.body());
                                if (stored.statusCode() == 200 && stored.body().contains("CREATED") && name.find()) {
                                    ackedDocuments.add(name.group(1));
                                }
                            }
                            if (i % 4 == 0) {
                                HttpResponse<String> submitted = send("POST", "/servicex/transformation", access,
                                        "{\"did\": \"local://output/crash/*.h5\", \"columns\": \"sum,max\","
                                                + " \"result-destination\": \"volume\", \"workers\": 2}");
                                if (submitted.statusCode() == 200) {
                                    ackedRequests.add(Http.json(submitted).get("request_id").asText());
                                }
                            }
                        } catch (RuntimeException killed) {
                            // the hub is gone: what it did not answer was not acknowledged
                        }
                    }
                }, "crash-load");
                load.start();
                long delay = 300 + random.nextInt(2500);
                await().pollDelay(Duration.ofMillis(delay)).atMost(Duration.ofSeconds(10)).until(() -> true);
                hub = hub.killAndRestart();
                crashed.set(true);
                load.join(30_000);
                long restarted = System.nanoTime();
                http = hub.awaitHealthy(Duration.ofSeconds(90)).http();
                double recovery = (System.nanoTime() - restarted) / 1e9;
                users.addAll(ackedUsers);
                streams.addAll(ackedStreams);
                requests.addAll(ackedRequests);
                documents.addAll(ackedDocuments);

                String admin = access(refresh);
                assertThat(send("POST", "/token/refresh", revoked, "").statusCode()).as("a revoked token stays revoked")
                        .isEqualTo(401);
                Set<String> emails = new HashSet<>(Http.json(send("GET", "/users", admin, null)).get("users")
                        .findValuesAsText("email"));
                emails.addAll(Http.json(send("GET", "/pending", admin, null)).get("users").findValuesAsText("email"));
                Set<String> lostUsers = new HashSet<>(users);
                lostUsers.removeAll(emails);
                Set<String> ids = new HashSet<>(Http.json(http.get("/event-stream/")).get("event_streams")
                        .findValuesAsText("id"));
                Set<String> lostStreams = new HashSet<>(streams);
                lostStreams.removeAll(ids);
                Set<String> lostDocuments = new HashSet<>(documents);
                Set<String> stored = names(Http.json(http.get("/datastore/dumpbuf")).get("nmlist"));
                lostDocuments.removeAll(stored);
                assertThat(Http.json(http.get("/datastore/stats")).get("n_itm").asInt())
                        .as("the datastore's count is what is on disk").isEqualTo(stored.size());
                for (String name : ackedDocuments) {
                    // intact: the whole document, as stored (a torn write would not parse)
                    JsonNode doc = JSON.readTree(hub.dir().resolve("datastore/current").resolve(name).toFile());
                    assertThat(doc.get("h")).as(name).hasSize(64);
                }
                long start = System.nanoTime();
                List<String> stuck = new ArrayList<>();
                for (String id : requests) {
                    try {
                        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                                "Complete".equals(Http.json(send("GET", "/servicex/transformation/" + id + "/status",
                                        admin, null)).path("status").asText()));
                    } catch (org.awaitility.core.ConditionTimeoutException e) {
                        stuck.add(id + " " + send("GET", "/servicex/transformation/" + id + "/status", admin, null).body());
                    }
                }
                double completion = (System.nanoTime() - start) / 1e9;
                report.add(String.format("cycle %d: killed after %d ms; acknowledged %d users, %d streams, %d documents,"
                        + " %d requests; lost %d users, %d streams, %d documents; stuck %d requests; healthy %.1f s after"
                        + " the restart, every request complete %.1f s later", cycle, delay, ackedUsers.size(),
                        ackedStreams.size(), ackedDocuments.size(), ackedRequests.size(), lostUsers.size(),
                        lostStreams.size(), lostDocuments.size(), stuck.size(), recovery, completion));
                assertThat(lostUsers).as("sign-ups answered 201 and gone; " + report).isEmpty();
                assertThat(lostStreams).as("streams answered 201 and gone; " + report).isEmpty();
                assertThat(lostDocuments).as("documents answered CREATED and gone; " + report).isEmpty();
                assertThat(stuck).as("requests not complete 60 s after the restart; log " + hub.log()).isEmpty();
            }
            report.add(String.format("seed %d, %d cycles: acknowledged %d users, %d streams, %d documents, %d requests;"
                    + " 0 lost, 0 stuck", SEED, CYCLES, users.size(), streams.size(), documents.size(), requests.size()));
        } finally {
            report.forEach(System.out::println);
            hub.close();
        }
    }

    private static Set<String> names(JsonNode list) {
        Set<String> names = new HashSet<>();
        list.forEach(n -> names.add(n.isTextual() ? n.asText() : n.path("name").asText()));
        return names;
    }

    private String login() {
        HttpResponse<String> r = http.postJson("/login", "{\"email\": \"" + ADMIN + "\", \"password\": \"admin-pass-1\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r).get("refresh_token").asText();
    }

    private String access(String refresh) {
        HttpResponse<String> r = send("POST", "/token/refresh", refresh, "");
        assertThat(r.statusCode()).as("a token issued before the crash: " + r.body()).isEqualTo(200);
        return Http.json(r).get("access_token").asText();
    }

    private HttpResponse<String> send(String method, String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(http.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b);
    }
}
