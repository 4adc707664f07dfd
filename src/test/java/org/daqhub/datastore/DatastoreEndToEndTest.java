package org.daqhub.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.daqhub.support.Http;
import org.daqhub.support.HubTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GlitchflowAPI over HTTP (max-size is 200,000 bytes in the tests). */
class DatastoreEndToEndTest extends HubTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOC = StrainDocuments.of(1000, 1); // about 19 KB

    @BeforeEach
    void startFromAnEmptyBatch() {
        assertThat(http().postJson("/datastore/cleanbuf", "{\"msg\": \"test\"}").statusCode()).isEqualTo(200);
    }

    private JsonNode stats() {
        return Http.json(http().get("/datastore/stats"));
    }

    private long filesInBatch() throws Exception {
        try (var files = Files.list(DATA_DIR.resolve("datastore/current"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).count();
        }
    }

    @Test
    void theFullCycle() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(BROKER_PORT);
        try (Connection amqp = factory.newConnection(); Channel channel = amqp.createChannel()) {
            String events = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(events, "event-streams", "datastore.frozen");
            BlockingQueue<byte[]> frozenEvents = new LinkedBlockingQueue<>();
            channel.basicConsume(events, true, (tag, m) -> frozenEvents.add(m.getBody()), tag -> { });

            JsonNode created = Http.json(http().postJson("/datastore/streamdata", DOC));
            assertThat(created.get("resp").asText()).isEqualTo("CREATED");
            assertThat(created.get("body").asText()).startsWith("{\"code\":\"RES_CREATE\",\"body\":\"Written gwb");
            assertThat(Http.json(http().postJson("/datastore/train", "{\"user\": \"ml\", \"token\": \"t0k\"}"))
                    .get("resp").asText()).isEqualTo("WAITING");
            while (stats().get("buff_size").asLong() < 200_000) {
                http().postJson("/datastore/streamdata", DOC);
            }
            JsonNode frozen = Http.json(http().postJson("/datastore/train", "{\"user\": \"ml\", \"token\": \"t0k\"}"));
            assertThat(frozen.get("resp").asText()).isEqualTo("FROZEN");
            assertThat(frozen.get("n_f").asLong()).isEqualTo(stats().get("n_itm").asLong()).isEqualTo(filesInBatch());
            assertThat(frozen.get("bt_wrt").asLong()).isEqualTo(stats().get("buff_size").asLong());
            assertThat(Http.json(http().get("/datastore/desc")).get("resp").asText()).isEqualTo("FROZEN");

            JsonNode event = JSON.readTree(frozenEvents.poll(10, TimeUnit.SECONDS));
            assertThat(event.get("event").asText()).isEqualTo("datastore.frozen");
            assertThat(event.get("n_f").asLong()).isEqualTo(frozen.get("n_f").asLong());
            assertThat(event.has("token")).isFalse();

            long count = stats().get("n_itm").asLong();
            double refusedBefore = metric("daqhub_datastore_documents_refused_frozen_total");
            JsonNode refused = Http.json(http().postJson("/datastore/streamdata", DOC));
            assertThat(refused.get("resp").asText()).isEqualTo("FROZEN");
            assertThat(stats().get("n_itm").asLong()).isEqualTo(count);
            assertThat(metric("daqhub_datastore_documents_refused_frozen_total")).isEqualTo(refusedBefore + 1);
            assertThat(metric("daqhub_datastore_frozen")).isEqualTo(1);

            assertThat(Http.json(http().get("/datastore/dumpbuf")).get("nmlist")).hasSize((int) count);
            JsonNode cleaned = Http.json(http().postJson("/datastore/cleanbuf", "{\"msg\": \"done\"}"));
            assertThat(cleaned.get("resp").asText()).isEqualTo("CLEANED");
            String archive = cleaned.get("archive").asText();
            assertThat(stats().get("n_itm").asLong()).isZero();
            assertThat(stats().get("buff_size").asLong()).isZero();
            assertThat(Http.json(http().get("/datastore/desc")).get("resp").asText()).isEqualTo("OPERATIONAL");
            assertThat(Http.json(http().get("/datastore/dumpbuf")).get("nmlist")).isEmpty();

            JsonNode archived = Http.json(http().get("/datastore/archives/" + archive));
            assertThat(archived.get("nmlist")).hasSize((int) count);
            String doc = archived.get("nmlist").get(0).asText();
            assertThat(JSON.readTree(http().get("/datastore/archives/" + archive + "/" + doc).body()).get("h")).hasSize(1000);
            assertThat(Http.json(http().get("/datastore/archives")).get("archives").findValuesAsText("name")).contains(archive);
        }
    }

    @Test
    void noDocumentIsAcceptedAfterAConcurrentFreeze() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong refusals = new java.util.concurrent.atomic.AtomicLong();
        List<Future<long[]>> results = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            results.add(clients.submit(() -> {
                long accepted = 0;
                long refusedThenAccepted = 0;
                boolean sawFrozen = false;
                while (!stop.get()) {
                    String resp = Http.json(http().postJson("/datastore/streamdata", DOC)).get("resp").asText();
                    if (resp.equals("CREATED")) {
                        accepted++;
                        if (sawFrozen) {
                            refusedThenAccepted++;
                        }
                    } else {
                        sawFrozen = true;
                        refusals.incrementAndGet();
                    }
                }
                return new long[] {accepted, refusedThenAccepted};
            }));
        }
        JsonNode frozen;
        do {
            frozen = Http.json(http().postJson("/datastore/train", "{\"user\": \"race\", \"token\": \"t\"}"));
        } while (!frozen.get("resp").asText().equals("FROZEN"));
        // the clients keep sending against the frozen batch for a while
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> refusals.get() >= 40);
        stop.set(true);
        long accepted = 0;
        for (Future<long[]> r : results) {
            long[] counts = r.get(30, TimeUnit.SECONDS);
            accepted += counts[0];
            assertThat(counts[1]).as("documents accepted after this client saw FROZEN").isZero();
        }
        clients.shutdown();
        assertThat(frozen.get("n_f").asLong()).isEqualTo(accepted).isEqualTo(stats().get("n_itm").asLong())
                .isEqualTo(filesInBatch());
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() throws Exception {
        long before = filesInBatch();
        assertError(http().postJson("/datastore/streamdata", "{not json"), 422, "malformed JSON");
        assertError(http().postJson("/datastore/streamdata", "[1, 2]"), 422, "JSON object");
        assertError(http().postJson("/datastore/streamdata", "{\"t\": [0, 1]}"), 422, "h is missing");
        assertError(http().postJson("/datastore/streamdata", "{\"h\": \"abc\", \"t\": [0, 1]}"), 422, "h must be an array");
        assertError(http().postJson("/datastore/streamdata", "{\"h\": [1, \"x\"], \"t\": [0, 1]}"), 422, "h[1] is not a number");
        assertError(http().postJson("/datastore/streamdata", "{\"h\": [], \"t\": [0, 1]}"), 422, "h is empty");
        assertError(http().postJson("/datastore/streamdata", "{\"h\": [1], \"t\": [0]}"), 422, "t must be two numbers");
        assertError(http().postJson("/datastore/streamdata", "{\"h\": [1], \"t\": [0, 0]}"), 422, "dt > 0");
        assertError(http().postJson("/datastore/streamdata", "{\"h\": [1], \"t\": [0, -1]}"), 422, "dt > 0");
        assertError(http().postJson("/datastore/streamdata", "{\"h\": [1]}"), 422, "t is missing");
        assertError(http().postJson("/datastore/streamdata", "{\"h\": [NaN], \"t\": [0, 1]}"), 422, "malformed JSON");
        assertError(http().postJson("/datastore/streamdata", "{\"h\": [1, 2], \"t\": [0, 1], \"h\": [3]}"), 422,
                "Duplicate field 'h'");
        assertError(http().postJson("/datastore/streamdata", "{\"h\": [1], \"t\": [0, 1], \"t\": [5, 1]}"), 422,
                "Duplicate field 't'");
        assertError(http().postJson("/datastore/streamdata", "{\"h\": [1e999], \"t\": [0, 1]}"), 422, "not finite");
        assertError(http().postJson("/datastore/streamdata", ""), 422, "empty body");
        assertError(http().postJson("/datastore/streamdata", "{\"h\": [" + "1,".repeat(5_000_000) + "1], \"t\": [0, 1]}"),
                413, "max-document-bytes");
        assertError(http().postJson("/datastore/train", "{\"user\": \"u\"}"), 422, "token is missing");
        assertError(http().get("/datastore/archives/no-such"), 404, "no archive no-such");
        assertError(http().get("/datastore/archives/bad$name"), 400, "not an archive name");
        HttpResponse<String> encodedSlash = http().get("/datastore/archives/..%2F..%2Fetc");
        assertThat(encodedSlash.statusCode()).isEqualTo(400); // refused by Tomcat, still in the JSON shape
        assertThat(Http.json(encodedSlash).get("status").asInt()).isEqualTo(400);
        assertThat(filesInBatch()).isEqualTo(before);
        assertThat(stats().get("n_itm").asLong()).isEqualTo(before);
    }

    @Test
    void archivesAreNeverReadThroughLinksPlantedInThem() throws Exception {
        Path secret = Files.writeString(Files.createTempFile("daqhub-secret", ".json"), "{\"secret\": 1}");
        Path outsideDir = Files.createTempDirectory("daqhub-outside-archive");
        Files.writeString(outsideDir.resolve("gwb1.json"), "{\"secret\": 2}");
        Path archives = DATA_DIR.resolve("datastore/archives");
        Path planted = Files.createDirectories(archives.resolve("planted"));
        Files.createSymbolicLink(planted.resolve("gwb0.json"), secret);
        Files.createSymbolicLink(archives.resolve("linked"), outsideDir);

        assertError(http().get("/datastore/archives/planted/gwb0.json"), 404, "no document gwb0.json");
        assertThat(Http.json(http().get("/datastore/archives/planted")).get("nmlist")).isEmpty();
        assertError(http().get("/datastore/archives/linked"), 404, "no archive linked");
        assertError(http().get("/datastore/archives/linked/gwb1.json"), 404, "no archive linked");
        assertThat(Http.json(http().get("/datastore/archives")).get("archives").findValuesAsText("name"))
                .contains("planted").doesNotContain("linked");
    }

    @Test
    void statusPageLogAndRedirect() {
        http().postJson("/datastore/streamdata", DOC);
        HttpResponse<String> page = http().get("/datastore/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Datastore</h1>").contains("OPERATIONAL").contains("class=\"bar\"");
        assertThat(page.body()).contains("<h2>Since start</h2>").contains("mean wait for the directory fsync");
        HttpResponse<String> redirect = http().get("/datastore/dspage");
        assertThat(redirect.statusCode()).isEqualTo(303);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/datastore/");
        JsonNode log = Http.json(http().get("/datastore/log"));
        assertThat(log.get(log.size() - 1).get("message").asText()).isEqualTo("document written");
    }

    @Test
    void metricsCountWhatWasStoredAndRefused() {
        double stored = metric("daqhub_datastore_documents_stored_total");
        double bytes = metric("daqhub_datastore_bytes_stored_total");
        double invalid = metric("daqhub_datastore_documents_invalid_total");
        double fileSync = metric("daqhub_datastore_file_sync_seconds_total");
        double directorySyncs = metric("daqhub_datastore_directory_syncs_total");

        http().postJson("/datastore/streamdata", DOC);
        http().postJson("/datastore/streamdata", "{\"h\": [], \"t\": [0, 1]}");

        assertThat(metric("daqhub_datastore_documents_stored_total")).isEqualTo(stored + 1);
        assertThat(metric("daqhub_datastore_bytes_stored_total")).isEqualTo(bytes + DOC.length());
        assertThat(metric("daqhub_datastore_documents_invalid_total")).isEqualTo(invalid + 1);
        assertThat(metric("daqhub_datastore_file_sync_seconds_total")).isGreaterThan(fileSync);
        assertThat(metric("daqhub_datastore_directory_syncs_total")).isGreaterThan(directorySyncs);
        assertThat(metric("daqhub_datastore_documents")).isEqualTo(1);
        assertThat(metric("daqhub_datastore_bytes")).isEqualTo(DOC.length());
        assertThat(metric("daqhub_datastore_frozen")).isZero();
    }

    /** One sample of /actuator/prometheus (the metrics have no labels). */
    private double metric(String name) {
        String line = http().get("/actuator/prometheus").body().lines().filter(l -> l.startsWith(name + " "))
                .findFirst().orElseThrow(() -> new AssertionError(name + " is not in /actuator/prometheus"));
        return Double.parseDouble(line.substring(name.length() + 1));
    }

    private static void assertError(HttpResponse<String> response, int status, String text) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Http.json(response).get("error").asText()).contains(text);
    }
}
