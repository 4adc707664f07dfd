package org.daqhub.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import org.daqhub.processors.filewriter.hdf5.Compression;
import org.daqhub.support.Http;
import org.daqhub.support.HubTestSupport;
import org.daqhub.support.TestImageFiles;
import org.daqhub.tools.transform.TransformerWorkers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Transformation requests over the real protocols: submissions and queries over HTTP, transformer
 * messages taken from the broker, reports over HTTP (ServiceX's internal endpoints) and AMQP, the
 * reference transformer on HDF5 files written by the hub's writer code.
 */
class RequestEndToEndTest extends HubTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    Connection amqp;

    @BeforeEach
    void connect() {
        amqp = RequestTests.amqp("127.0.0.1", BROKER_PORT);
    }

    @AfterEach
    void disconnect() throws Exception {
        amqp.close();
    }

    private static Path files(String dir, int count, int images) {
        Path d = DATA_DIR.resolve("requests-e2e").resolve(dir);
        for (int f = 0; f < count; f++) {
            TestImageFiles.write(d.resolve(String.format("run_%06d.h5", f + 1)), images, Compression.BITSHUFFLE_LZ4);
        }
        return d;
    }

    private static String request(String did, String extra) {
        return "{\"did\": \"" + did + "\", \"columns\": \"sum,max,saturated\", \"result-destination\": \"volume\""
                + extra + "}";
    }

    @Test
    void aRequestOverLocalFilesRunsToCompleteWithTheReferenceTransformer() throws Exception {
        files("complete", 3, 4);
        BlockingQueue<JsonNode> events = hubEvents("request.complete");
        String id = RequestTests.submit(http(), request("local://requests-e2e/complete/*.h5",
                ", \"title\": \"three runs\", \"workers\": 2, \"result-format\": \"json\""));

        try (TransformerWorkers workers = RequestTests.transformer(amqp, id, 2, RequestTests.httpReports(http()), null)) {
            JsonNode status = RequestTests.awaitStatus(http(), id, "Complete");
            assertThat(status.fieldNames()).toIterable().containsExactly("status", "request-id", "submit-time",
                    "finish-time", "files-processed", "files-skipped", "files-remaining", "stats");
            assertThat(status.get("files-processed").asInt()).isEqualTo(3);
            assertThat(status.get("files-skipped").asInt()).isZero();
            assertThat(status.get("files-remaining").asInt()).isZero();
            assertThat(status.get("stats").get("total-events").asLong()).isEqualTo(12);
            assertThat(status.get("finish-time").asText()).endsWith("Z");
            await().atMost(Duration.ofSeconds(10)).until(() -> !RequestTests.queueExists(amqp, id));
            assertThat(workers.awaitEnd(10)).as("the transformer is told its queue is gone").isTrue();
        }

        Path results = DATA_DIR.resolve("results").resolve(id);
        try (var out = Files.list(results)) {
            assertThat(out.map(p -> p.getFileName().toString().replaceFirst("^\\d+_", "")))
                    .containsExactlyInAnyOrder("run_000001.h5.stats.json", "run_000002.h5.stats.json",
                            "run_000003.h5.stats.json");
        }
        try (var out = Files.list(results)) {
            for (Path p : out.toList()) {
                JsonNode images = JSON.readTree(p.toFile()).get("images");
                assertThat(images).hasSize(4);
                assertThat(images.get(3).get("sum").asLong()).isEqualTo(TestImageFiles.sum(3));
            }
        }

        JsonNode request = Http.json(http().get("/servicex/transformation/" + id));
        assertThat(request.get("request_id").asText()).isEqualTo(id);
        assertThat(request.get("status").asText()).isEqualTo("Complete");
        assertThat(request.get("title").asText()).isEqualTo("three runs");
        assertThat(request.get("files").asInt()).isEqualTo(3);
        assertThat(request.get("result-path").asText()).isEqualTo(results.toAbsolutePath().normalize().toString());
        assertThat(Http.json(http().get("/servicex/transformation")).get("requests").findValuesAsText("request_id"))
                .contains(id);
        assertThat(Http.json(http().get("/servicex/transformation/" + id + "/status?details=false")).get("stats").isNull())
                .as("details=false means false").isTrue();

        JsonNode event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("hub event request.complete").isNotNull();
        assertThat(event.get("request-id").asText()).isEqualTo(id);
        assertThat(event.get("files-processed").asInt()).isEqualTo(3);
    }

    @Test
    void reportsOverAmqpAFailedFileInErrorsAndARepeatedResultCountedOnce() throws Exception {
        Path dir = files("amqp", 1, 2);
        Files.writeString(dir.resolve("run_000002.h5"), "not HDF5");
        String id = RequestTests.submit(http(), "{\"file-list\": [\"requests-e2e/amqp/run_000001.h5\","
                + " \"requests-e2e/amqp/run_000002.h5\"], \"columns\": \"sum\", \"result-destination\": \"volume\"}");

        try (TransformerWorkers workers = RequestTests.transformer(amqp, id, 1, RequestTests.amqpReports(amqp), null)) {
            JsonNode status = RequestTests.awaitStatus(http(), id, "Complete");
            assertThat(status.get("files-processed").asInt()).isEqualTo(1);
            assertThat(status.get("files-skipped").asInt()).isEqualTo(1);
        }
        JsonNode errors = Http.json(http().get("/servicex/transformation/" + id + "/errors")).get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("file").asText()).endsWith("run_000002.h5");
        assertThat(errors.get(0).get("pod-name").asText()).isEqualTo("test-pod");
        assertThat(errors.get(0).get("info").asText()).isNotBlank();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM file_status WHERE request_id = :id", Map.of("id", id),
                Integer.class)).as("start and an end status per file, written through camel-jdbc").isEqualTo(4);

        long fileId = firstFileId(id);
        HttpResponse<String> again = put("/servicex/internal/transformation/" + id + "/file-complete",
                "{\"file-id\": " + fileId + ", \"status\": \"success\", \"total-events\": 2}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("\"Ok\"");
        JsonNode after = RequestTests.status(http(), id);
        assertThat(after.get("files-processed").asInt()).as("counted once").isEqualTo(1);
        assertThat(after.get("stats").get("total-events").asLong()).isEqualTo(2);
    }

    @Test
    void theWorkerProtocolOverHttpCompletesWhateverTheOrderOfTheTotalsAndTheLastResult() throws Exception {
        files("protocol", 2, 1);
        for (boolean totalsFirst : List.of(true, false)) {
            BlockingQueue<JsonNode> events = hubEvents("request.complete");
            String id = RequestTests.submit(http(), request("local://requests-e2e/protocol/*.h5", ""));
            List<JsonNode> messages = take(id, 2);
            JsonNode m = messages.get(0);
            assertThat(m.fieldNames()).toIterable().containsExactly("request-id", "file-id", "columns", "selection",
                    "file-path", "paths", "tree-name", "service-endpoint", "result-destination", "result-format",
                    "result-path");
            assertThat(m.get("paths").asText()).as("ServiceX_App 2022's field").isEqualTo(m.get("file-path").asText());
            assertThat(m.get("service-endpoint").asText()).endsWith("/servicex/internal/transformation/" + id);
            String base = "/servicex/internal/transformation/" + id;

            try (var channel = amqp.createChannel()) {
                // a transformer's failure path publishes there: the exchange must exist, as in ServiceX
                channel.exchangeDeclarePassive("transformation_failures");
                channel.basicPublish("transformation_failures", id + "_errors", null, "{}".getBytes());
            }
            HttpResponse<String> step = http().post(base + "/" + m.get("file-id").asLong() + "/status",
                    "application/x-www-form-urlencoded",
                    "timestamp=2026-11-23T10:00:00.123456&status-code=start&pod-name=worker-a&info=reading");
            assertThat(step.statusCode()).as(step.body()).isEqualTo(200);
            assertThat(step.body()).isEqualTo("\"Ok\"");
            assertThat(jdbc.queryForObject("SELECT pod_name FROM file_status WHERE request_id = :id", Map.of("id", id),
                    String.class)).isEqualTo("worker-a");

            complete(id, messages.get(0));
            if (totalsFirst) {
                assertThat(put(base + "/complete", "{\"files\": 2, \"files-skipped\": 0, \"total-events\": 2,"
                        + " \"total-bytes\": 10, \"elapsed-time\": 1}").statusCode()).isEqualTo(200);
                assertThat(RequestTests.status(http(), id).get("status").asText()).isEqualTo("Running");
                complete(id, messages.get(1));
            } else {
                complete(id, messages.get(1));
                assertThat(put(base + "/complete", "{\"files\": 2}").statusCode()).isEqualTo(200);
            }
            assertThat(RequestTests.awaitStatus(http(), id, "Complete").get("files-processed").asInt()).isEqualTo(2);
            assertThat(events.poll(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(events.poll(500, TimeUnit.MILLISECONDS)).as("ended once").isNull();
        }
    }

    @Test
    void theFrontendsNumbersAsStringsAndATransformersFailureTracebackAreUnderstood() {
        files("frontend", 1, 1);
        String id = RequestTests.submit(http(), "{\"did\": \"local://requests-e2e/frontend/*.h5\", \"columns\": \"sum\","
                + " \"result-destination\": \"volume\", \"workers\": \"1\", \"chunk-size\": \"1000\"}");
        assertThat(Http.json(http().get("/servicex/transformation/" + id)).get("workers").asInt()).isEqualTo(1);
        long fileId = firstFileId(id);
        String base = "/servicex/internal/transformation/" + id;
        assertThat(http().post(base + "/" + fileId + "/status", "application/x-www-form-urlencoded",
                "timestamp=2026-11-23T10:00:00.000000&status-code=failure&pod-name=worker-b"
                        + "&info=Traceback%20(most%20recent%20call%20last)%3A%20boom").statusCode()).isEqualTo(200);
        assertThat(put(base + "/file-complete", "{\"file-id\": " + fileId + ", \"status\": \"failure\","
                + " \"info\": null}").statusCode()).isEqualTo(200);
        // the same result again, the file id as a string and the numbers of any JSON kind: read, counted once
        assertThat(put(base + "/file-complete", "{\"file-id\": \"" + fileId + "\", \"status\": \"failure\","
                + " \"total-time\": 1.5, \"avg-rate\": 2, \"total-events\": 0}").statusCode()).isEqualTo(200);
        JsonNode errors = Http.json(http().get("/servicex/transformation/" + id + "/errors")).get("errors");
        assertThat(errors.get(0).get("info").asText()).as("what the frontend's dump_query_errors prints")
                .isEqualTo("Traceback (most recent call last): boom");
        assertThat(errors.get(0).get("pod-name").asText()).isEqualTo("worker-b");
    }

    @Test
    void badWorkerReportsAreRefusedWithTheirReason() {
        files("badreports", 1, 1);
        String id = RequestTests.submit(http(), request("local://requests-e2e/badreports/*.h5", ""));
        long fileId = firstFileId(id);
        String base = "/servicex/internal/transformation/" + id;
        String form = "application/x-www-form-urlencoded";

        assertError(http().post(base + "/" + fileId + "/status", form, "timestamp=yesterday&status-code=start"), 400,
                "timestamp 'yesterday'");
        assertError(http().post(base + "/" + fileId + "/status", form, "timestamp=2026-11-23T10:00:00.000000"), 400,
                "status-code is missing");
        assertError(http().post(base + "/999999/status", form, "timestamp=2026-11-23T10:00:00.000000&status-code=x"),
                404, "not a file of request");
        assertError(http().post(base + "/abc/status", form, "timestamp=2026-11-23T10:00:00.000000&status-code=x"), 400,
                "is not an integer");
        assertError(http().post("/servicex/internal/transformation/no-such-request/" + fileId + "/status", form,
                "timestamp=2026-11-23T10:00:00.000000&status-code=x"), 404, "Transformation request not found");
        assertError(put(base + "/file-complete", "{\"file-id\": 999999, \"status\": \"success\"}"), 404,
                "not a file of request");
        assertError(put(base + "/file-complete", "{\"file-id\": " + fileId + "}"), 400, "status is missing");
        assertError(put(base + "/file-complete", "{\"file-id\": " + fileId + ", \"status\": \"success\","
                + " \"total-events\": \"many\"}"), 400, "total-events must be a number");
        assertError(put(base + "/file-complete", "{not json"), 400, "");
        assertError(put(base + "/complete", "{\"files\": -1}"), 400, "files must be a count");
        assertError(http().postJson(base + "/status", "{\"severity\": \"fatal\"}"), 400, "timestamp is missing");
        assertThat(RequestTests.status(http(), id).get("files-processed").asInt()).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM file_status WHERE request_id = :id", Map.of("id", id),
                Integer.class)).as("nothing written").isZero();
    }

    @Test
    void aFatalStatusFromAWorkerEndsTheRequestAndDeletesItsQueue() {
        files("fatal", 1, 1);
        BlockingQueue<JsonNode> events = hubEvents("request.fatal");
        String id = RequestTests.submit(http(), request("local://requests-e2e/fatal/*.h5", ""));
        assertThat(RequestTests.queueExists(amqp, id)).isTrue();

        assertThat(http().postJson("/servicex/internal/transformation/" + id + "/status",
                "{\"timestamp\": \"2026-11-23T10:00:00.000000\", \"severity\": \"fatal\", \"info\": \"out of memory\","
                        + " \"source\": \"transformer\"}").statusCode()).isEqualTo(200);

        JsonNode request = Http.json(http().get("/servicex/transformation/" + id));
        assertThat(request.get("status").asText()).isEqualTo("Fatal");
        assertThat(request.get("failure-info").asText()).isEqualTo("out of memory");
        await().atMost(Duration.ofSeconds(10)).until(() -> !RequestTests.queueExists(amqp, id));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.peek() != null);
    }

    @Test
    void cancelEndsARequestInProgressAndDeletesItsQueueOnce() {
        files("cancel", 2, 1);
        String id = RequestTests.submit(http(), request("local://requests-e2e/cancel/*.h5", ""));

        HttpResponse<String> cancel = http().get("/servicex/transformation/" + id + "/cancel");
        assertThat(cancel.statusCode()).isEqualTo(200);
        assertThat(Http.json(cancel).get("message").asText()).isEqualTo("Canceled transformation request " + id);
        assertThat(RequestTests.status(http(), id).get("status").asText()).isEqualTo("Canceled");
        await().atMost(Duration.ofSeconds(10)).until(() -> !RequestTests.queueExists(amqp, id));
        assertError(http().get("/servicex/transformation/" + id + "/cancel"), 400, "is not in progress (Canceled)");
    }

    /** ServiceX answers its transformer Deployment's status; the hub's transformers are its queue's consumers. */
    @Test
    void theDeploymentStatusCountsTheTransformersReadingTheRequest() throws Exception {
        files("deployment", 1, 1);
        String id = RequestTests.submit(http(), request("local://requests-e2e/deployment/*.h5", ", \"workers\": 3"));
        String path = "/servicex/transformation/" + id + "/deployment-status";

        JsonNode none = Http.json(http().get(path));
        assertThat(none.get("replicas").asInt()).isEqualTo(3);
        assertThat(none.get("ready_replicas").asInt()).isZero();
        assertThat(none.get("unavailable_replicas").asInt()).isEqualTo(3);
        assertThat(none.at("/conditions/0/type").asText()).isEqualTo("Available");
        assertThat(none.at("/conditions/0/status").asText()).isEqualTo("False");

        try (TransformerWorkers one = RequestTests.transformer(amqp, id, 1, RequestTests.httpReports(http()), null)) {
            RequestTests.awaitStatus(http(), id, "Complete");
        }
        assertError(http().get(path), 404, "Deployment not found: '" + id + "'");
    }

    @Test
    void aDeploymentWithAReadingTransformerIsAvailable() throws Exception {
        files("deployment-ready", 2, 1);
        String id = RequestTests.submit(http(), request("local://requests-e2e/deployment-ready/*.h5", ""));
        String path = "/servicex/transformation/" + id + "/deployment-status";
        // a worker that reads and never finishes: it holds one file unacknowledged
        Connection worker = RequestTests.amqp("127.0.0.1", BROKER_PORT);
        try {
            Channel c = worker.createChannel();
            c.basicQos(1);
            c.basicConsume(id, false, (tag, d) -> { }, tag -> { });
            await().atMost(Duration.ofSeconds(10)).until(() -> Http.json(http().get(path)).get("ready_replicas").asInt() == 1);
            JsonNode status = Http.json(http().get(path));
            assertThat(status.get("available_replicas").asInt()).isEqualTo(1);
            assertThat(status.get("unavailable_replicas").asInt()).isZero();
            assertThat(status.at("/conditions/0/status").asText()).isEqualTo("True");
        } finally {
            worker.abort();
            http().get("/servicex/transformation/" + id + "/cancel");
        }
    }

    @Test
    void aFileWhoseWorkerGoesSilentIsQueuedAgainThenRecordedAsFailed() throws Exception {
        files("silent", 1, 1);
        String id = RequestTests.submit(http(), request("local://requests-e2e/silent/*.h5", ""));

        JsonNode first = take(id, 1).get(0);
        // the worker took it and died without a word; file-timeout is 3 s in the tests, max-attempts 2
        JsonNode second = take(id, 1).get(0);
        assertThat(second.get("file-id")).isEqualTo(first.get("file-id"));

        JsonNode status = RequestTests.awaitStatus(http(), id, "Complete");
        assertThat(status.get("files-skipped").asInt()).isEqualTo(1);
        JsonNode errors = Http.json(http().get("/servicex/transformation/" + id + "/errors")).get("errors");
        assertThat(errors.get(0).get("info").asText()).contains("no report from a transformer").contains("2 attempt");
    }

    @Test
    void aWorkerThatDiesMidFileLeavesTheFileToAnother() throws Exception {
        files("dies", 1, 2);
        String id = RequestTests.submit(http(), request("local://requests-e2e/dies/*.h5", ""));

        // a worker takes the file and dies before acknowledging it: the broker gives it back
        Connection doomed = RequestTests.amqp("127.0.0.1", BROKER_PORT);
        Channel c = doomed.createChannel();
        c.basicQos(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> c.basicGet(id, false) != null);
        doomed.abort();

        try (TransformerWorkers survivor = RequestTests.transformer(amqp, id, 1, RequestTests.httpReports(http()), null)) {
            JsonNode status = RequestTests.awaitStatus(http(), id, "Complete");
            assertThat(status.get("files-processed").asInt()).isEqualTo(1);
            assertThat(status.get("files-skipped").asInt()).isZero();
        }
    }

    @Test
    void queuesLeftBehindAreListedAndDeleted(@Autowired RequestStore store) throws Exception {
        String orphan = "left-behind-" + System.nanoTime();
        store.recordQueue(orphan, orphan);
        try (Channel c = amqp.createChannel()) {
            c.queueDeclare(orphan, false, false, false, null);
        }
        assertThat(Http.json(http().get("/servicex/queues")).get("queues").findValuesAsText("queues"))
                .isEmpty();
        assertThat(Http.json(http().get("/servicex/queues")).get("queues").toString()).contains(orphan);

        HttpResponse<String> deleted = http().send(HttpRequest.newBuilder(http().uri("/servicex/queues")).DELETE());
        assertThat(Http.json(deleted).get("deleted").toString()).contains(orphan);
        assertThat(RequestTests.queueExists(amqp, orphan)).isFalse();
        assertThat(Http.json(http().get("/servicex/queues")).get("queues").toString()).doesNotContain(orphan);
    }

    @Test
    void aReportOverAmqpThatCannotBeAppliedIsCountedAndDropped(@Autowired RequestService requests) throws Exception {
        long before = requests.statistics().get(RequestCounter.REPORTS_REJECTED);
        try (Channel c = amqp.createChannel()) {
            c.basicPublish("", "daqhub.requests.reports", new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                    .headers(Map.of("request-id", "no-such-request", "action", "file-complete")).build(),
                    "{\"file-id\": 1, \"status\": \"success\"}".getBytes(StandardCharsets.UTF_8));
            c.basicPublish("", "daqhub.requests.reports", new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                    .headers(Map.of("request-id", "x", "action", "dance")).build(), new byte[0]);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> requests.statistics().get(RequestCounter.REPORTS_REJECTED) == before + 2);
        assertThat(http().get("/actuator/prometheus").body()).contains("daqhub_requests_reports_rejected_total");
    }

    @Test
    void badSubmissionsAre400WithTheReasonAsMessage() {
        files("bad", 1, 1);
        String good = "\"columns\": \"sum\", \"result-destination\": \"volume\"";
        assertError(http().postJson("/servicex/transformation", "{not json"), 400, "The json request was malformed");
        assertError(http().postJson("/servicex/transformation", "[1]"), 400, "must be a JSON object");
        assertError(http().postJson("/servicex/transformation", "{" + good + "}"), 400, "exactly one of did and file-list");
        assertError(http().postJson("/servicex/transformation", "{\"did\": \"local://requests-e2e/bad/*.h5\","
                + " \"file-list\": [\"a\"], " + good + "}"), 400, "exactly one of did and file-list");
        assertError(http().postJson("/servicex/transformation", "{\"did\": \"local://requests-e2e/bad/*.h5\","
                + " \"result-destination\": \"volume\"}"), 400, "exactly one of columns and selection");
        assertError(http().postJson("/servicex/transformation", "{\"did\": \"local://requests-e2e/bad/*.h5\","
                + " \"columns\": \"sum\"}"), 400, "result-destination is missing");
        assertError(http().postJson("/servicex/transformation", "{\"did\": \"local://requests-e2e/bad/*.h5\","
                + " \"columns\": \"sum\", \"result-destination\": \"object-store\"}"), 400, "not supported");
        assertError(http().postJson("/servicex/transformation", "{\"did\": \"local://requests-e2e/bad/*.h5\", " + good
                + ", \"result-format\": \"parquet\"}"), 400, "result-format 'parquet'");
        assertError(http().postJson("/servicex/transformation", "{\"did\": \"local://requests-e2e/bad/*.h5\", " + good
                + ", \"workers\": \"two\"}"), 400, "workers must be a positive integer");
        assertError(http().postJson("/servicex/transformation", "{\"did\": \"local://requests-e2e/bad/*.h5\", " + good
                + ", \"chunk-size\": \"lots\"}"), 400, "chunk-size must be a positive integer");
        assertError(http().postJson("/servicex/transformation", "{\"did\": \"local://requests-e2e/bad/*.h5\", " + good
                + ", \"workers\": \"0\"}"), 400, "workers must be a positive integer");
        assertError(http().postJson("/servicex/transformation", "{\"did\": 7, " + good + "}"), 400, "did must be a string");
        assertError(http().postJson("/servicex/transformation", "{\"did\": \"rucio://mc16:AOD\", " + good + "}"), 400,
                "DID scheme 'rucio' is not supported");
        assertError(http().postJson("/servicex/transformation", "{\"did\": \"local://../../etc/*\", " + good + "}"), 400,
                "outside the data root");
        assertError(http().postJson("/servicex/transformation", "{\"did\": \"local://requests-e2e/none/*.h5\", " + good
                + "}"), 400, "matches no file");
        assertError(http().postJson("/servicex/transformation", "{\"file-list\": [\"/etc/passwd\"], " + good + "}"), 400,
                "outside the data root");
        assertError(http().get("/servicex/transformation/" + id0() + "/status?details=maybe"), 400, "details must be");
    }

    @Test
    void serviceXsInfoAsItsClientReadsIt() {
        JsonNode info = Http.json(http().get("/servicex"));
        assertThat(info.fieldNames()).toIterable().containsExactly("app-version", "code-gen-image", "capabilities");
        assertThat(info.get("app-version").asText()).isNotBlank();
        assertThat(info.get("code-gen-image").isObject()).isTrue();
        assertThat(info.get("capabilities").isArray()).isTrue();
    }

    @Test
    void unknownRequestIdsAre404() {
        for (String path : List.of("", "/status", "/errors", "/cancel", "/deployment-status")) {
            assertError(http().get("/servicex/transformation/not-a-request" + path), 404,
                    "Transformation request not found with id: not-a-request");
            assertError(http().get("/servicex/transformation/null" + path), 404, "Transformation request not found");
        }
    }

    @Test
    void aFormSubmissionIsAcceptedAsServiceXReqparseDoes() {
        files("form", 1, 1);
        HttpResponse<String> r = http().post("/servicex/transformation", "application/x-www-form-urlencoded",
                "did=local%3A%2F%2Frequests-e2e%2Fform%2F*.h5&columns=sum&result-destination=volume&workers=1");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String id = Http.json(r).get("request_id").asText();
        assertThat(Http.json(http().get("/servicex/transformation/" + id)).get("workers").asInt()).isEqualTo(1);
        http().get("/servicex/transformation/" + id + "/cancel");
    }

    @Test
    void aClientCannotClaimToBeAUser() {
        files("spoof", 1, 1);
        HttpResponse<String> r = http().send(HttpRequest.newBuilder(http().uri("/servicex/transformation"))
                .header("Content-Type", "application/json").header("X-DaqHub-User-Id", "42")
                .POST(HttpRequest.BodyPublishers.ofString(request("local://requests-e2e/spoof/*.h5", ""))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String id = Http.json(r).get("request_id").asText();
        assertThat(Http.json(http().get("/servicex/transformation/" + id)).get("submitted-by").isNull()).isTrue();
        http().get("/servicex/transformation/" + id + "/cancel");
    }

    private String id0() {
        files("any", 1, 1);
        String id = RequestTests.submit(http(), request("local://requests-e2e/any/*.h5", ""));
        http().get("/servicex/transformation/" + id + "/cancel");
        return id;
    }

    private long firstFileId(String id) {
        return jdbc.queryForObject("SELECT MIN(id) FROM files WHERE request_id = :id", Map.of("id", id), Long.class);
    }

    private void complete(String id, JsonNode message) {
        HttpResponse<String> r = put("/servicex/internal/transformation/" + id + "/file-complete",
                "{\"file-id\": " + message.get("file-id").asLong() + ", \"file-path\": \""
                        + message.get("file-path").asText() + "\", \"status\": \"success\", \"total-time\": 1,"
                        + " \"total-bytes\": 5, \"total-events\": 1, \"avg-rate\": 1.0, \"num-messages\": 1}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** Takes {@code n} transformer messages from the request's queue, as a worker would (acknowledged). */
    private List<JsonNode> take(String id, int n) throws Exception {
        List<JsonNode> messages = new java.util.ArrayList<>();
        try (Channel c = amqp.createChannel()) {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                GetResponse got = c.basicGet(id, true);
                if (got != null) {
                    messages.add(JSON.readTree(got.getBody()));
                }
                return messages.size() == n;
            });
        }
        return messages;
    }

    /** Hub events with this routing key from now on. */
    private BlockingQueue<JsonNode> hubEvents(String key) {
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        try {
            Channel c = amqp.createChannel();
            String q = c.queueDeclare().getQueue();
            c.queueBind(q, "event-streams", key);
            c.basicConsume(q, true, (tag, d) -> events.add(JSON.readTree(d.getBody())), tag -> { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return events;
    }

    private HttpResponse<String> put(String path, String json) {
        return http().send(HttpRequest.newBuilder(http().uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static void assertError(HttpResponse<String> r, int status, String text) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = Http.json(r);
        assertThat(body.get("error").asText()).contains(text);
        assertThat(body.get("message").asText()).isEqualTo(body.get("error").asText());
    }
}
