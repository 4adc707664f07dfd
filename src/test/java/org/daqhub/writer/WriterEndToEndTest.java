package org.daqhub.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import org.daqhub.processors.detector.DetectorDefinition;
import org.daqhub.processors.detector.DetectorDefinitions;
import org.daqhub.processors.detector.ModulePosition;
import org.daqhub.processors.simulator.DetectorSimulator;
import org.daqhub.processors.simulator.PixelPattern;
import org.daqhub.processors.simulator.SimulatorOptions;
import org.daqhub.support.H5Dump;
import org.daqhub.support.Http;
import org.daqhub.support.HubTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The writer over the real protocols: simulator packets over UDP in, requests over HTTP (the REST
 * proxy) and over AMQP (std_daq's own protocol, spoken by a raw client), HDF5 files read back.
 */
class WriterEndToEndTest extends HubTestSupport {

    private static final String DETECTOR = "jungfrau-sim";
    private static long nextFrame = 2_000_000;

    @Test
    void writeSyncWritesFiftySimulatorImagesIntoOneFile() throws Exception {
        CompletableFuture<HttpResponse<String>> sync = CompletableFuture.supplyAsync(() -> http().postJson(
                "/write_sync", "{\"output_file\": \"e2e/sync.h5\", \"n_images\": 50, \"sources\": \"" + DETECTOR + "\"}"));
        awaitWriterActive();
        long first = simulate(50);

        HttpResponse<String> response = sync.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = Http.json(response);
        assertThat(answer.fieldNames()).toIterable().containsExactly("request_id", "response");
        JsonNode r = answer.get("response");
        assertThat(r.fieldNames()).toIterable().containsExactly("end_timestamp", "init_timestamp", "output_file", "status");
        assertThat(r.get("status").asText()).isEqualTo("request_success");
        assertThat(r.get("output_file").asText()).isEqualTo("e2e/sync.h5");

        Path file = DATA_DIR.resolve("output/e2e/sync.h5");
        DetectorDefinition d = definition();
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset data = hdf.getDatasetByPath("/entry/data/data");
            assertThat(data.getDimensions()).containsExactly(50, d.imageHeight(), d.imageWidth());
            long[] ids = (long[]) hdf.getDatasetByPath("/entry/data/image_id").getData();
            assertThat(ids).hasSize(50);
            for (int i = 0; i < 50; i++) {
                long id = DetectorSimulator.imageIdOf(d, first + i);
                assertThat(ids[i]).isEqualTo(id);
                for (ModulePosition p : d.modules()) {
                    // The first pixel a module sends lands at (x0, y0) whatever its orientation.
                    int[][][] px = (int[][][]) data.getData(new long[] {i, p.y0(), p.x0()}, new int[] {1, 1, 1});
                    assertThat(px[0][0][0]).as("image %d module %d", i, p.index())
                            .isEqualTo((int) PixelPattern.value(d, id, p.index(), 0, 0));
                }
            }
            assertThat((byte[]) hdf.getDatasetByPath("/entry/data/image_status").getData()).containsOnly(1);
            assertThat(hdf.getByPath("/entry").getAttribute("request_id").getData())
                    .isEqualTo(answer.get("request_id").asText());
            assertThat(hdf.getDatasetByPath("/entry/instrument/detector/detector_name").getData()).isEqualTo(DETECTOR);
            assertThat(hdf.getDatasetByPath("/entry/instrument/detector/number_of_modules").getData()).isEqualTo(2);
        }
        if (H5Dump.available()) {
            assertThat(H5Dump.run(file, "-H")).contains("DATASPACE  SIMPLE { ( 50, 1024, 1024 )");
        }
        JsonNode status = Http.json(http().get("/write/" + answer.get("request_id").asText()));
        assertThat(status.get("state").asText()).isEqualTo("succeeded");
        assertThat(status.get("images_written").asLong()).isEqualTo(50);
        assertThat(status.at("/files/0").asText()).isEqualTo(file.toString());
    }

    @Test
    void theOriginalAmqpProtocolWorksWithARawClient() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(BROKER_PORT);
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            // Declared as pika declares them: default flags. Other flags would fail (PRECONDITION_FAILED).
            channel.exchangeDeclare("request", "topic");
            channel.exchangeDeclare("kill", "topic");
            channel.exchangeDeclare("status", "fanout");
            String statusQueue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(statusQueue, "status", "daqhub");
            String eventQueue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(eventQueue, "event-streams", "writer.request_start");
            channel.queueBind(eventQueue, "event-streams", "writer.request_success");
            BlockingQueue<Delivery> statuses = new LinkedBlockingQueue<>();
            BlockingQueue<Delivery> events = new LinkedBlockingQueue<>();
            channel.basicConsume(statusQueue, true, (tag, m) -> statuses.add(m), tag -> { });
            channel.basicConsume(eventQueue, true, (tag, m) -> events.add(m), tag -> { });

            String requestId = UUID.randomUUID().toString();
            byte[] request = ("{\"output_file\": \"e2e/amqp.h5\", \"n_images\": 5, \"timestamp\": 1627898398.259257, "
                    + "\"detector\": \"" + DETECTOR + "\", \"compression\": \"bitshuffle-lz4\"}").getBytes(StandardCharsets.UTF_8);
            channel.basicPublish("request", "daqhub",
                    new AMQP.BasicProperties.Builder().correlationId(requestId).headers(Map.of()).build(), request);

            Delivery start = next(statuses, requestId);
            assertThat(header(start, "action")).isEqualTo("request_start");
            assertThat(header(start, "source")).isEqualTo("writer_agent");
            assertThat(start.getProperties().getHeaders()).containsKey("message").containsEntry("message", null);
            assertThat(start.getBody()).isEqualTo(request);
            awaitWriterActive();
            simulate(5);
            Delivery end = next(statuses, requestId);
            assertThat(header(end, "action")).isEqualTo("request_success");
            assertThat(end.getProperties().getHeaders()).containsEntry("message", null);
            assertThat(end.getBody()).isEqualTo(request);
            assertThat(end.getProperties().getHeaders()).containsOnlyKeys("action", "source", "message");

            Delivery startEvent = events.poll(10, TimeUnit.SECONDS);
            Delivery endEvent = events.poll(10, TimeUnit.SECONDS);
            assertThat(startEvent.getEnvelope().getRoutingKey()).isEqualTo("writer.request_start");
            assertThat(endEvent.getEnvelope().getRoutingKey()).isEqualTo("writer.request_success");
            JsonNode event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(endEvent.getBody());
            assertThat(event.get("request_id").asText()).isEqualTo(requestId);
            assertThat(event.at("/status/images_written").asLong()).isEqualTo(5);
        }
        try (HdfFile hdf = new HdfFile(DATA_DIR.resolve("output/e2e/amqp.h5"))) {
            assertThat(hdf.getDatasetByPath("/entry/data/data").getDimensions()[0]).isEqualTo(5);
            assertThat(hdf.getDatasetByPath("/entry/data/data").getFilters().get(0).getId()).isEqualTo(32008);
        }
    }

    @Test
    void aKillMidWriteAnswersSuccessWithKilledAndLeavesAValidFile() throws Exception {
        String requestId = Http.json(http().postJson("/write_async",
                "{\"output_file\": \"e2e/killed.h5\", \"n_images\": 1000, \"detector\": \"" + DETECTOR + "\"}"))
                .get("request_id").asText();
        awaitWriterActive();
        simulate(3);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Http.json(http().get("/write/" + requestId)).get("images_written").asLong() == 3);

        HttpResponse<String> kill = http().postJson("/write_kill", "{\"request_id\": \"" + requestId + "\"}");
        assertThat(kill.statusCode()).as(kill.body()).isEqualTo(200);
        JsonNode r = Http.json(kill).get("response");
        assertThat(r.get("status").asText()).isEqualTo("request_success");
        assertThat(r.get("killed").asBoolean()).isTrue();
        assertThat(r.get("images_written").asLong()).isEqualTo(3);
        try (HdfFile hdf = new HdfFile(DATA_DIR.resolve("output/e2e/killed.h5"))) {
            assertThat(hdf.getDatasetByPath("/entry/data/data").getDimensions()[0]).isEqualTo(3);
            assertThat(hdf.getByPath("/entry").getAttribute("killed").getData()).isEqualTo("true");
        }
        HttpResponse<String> again = http().postJson("/write_kill", "{\"request_id\": \"" + requestId + "\"}");
        assertThat(again.statusCode()).isEqualTo(409);
    }

    @Test
    void outputOutsideTheRootsFailsTheRequestAndWritesNothing() throws Exception {
        for (String bad : List.of("/etc/daqhub-test.h5", "../../escape.h5")) {
            HttpResponse<String> response = http().postJson("/write_sync",
                    "{\"output_file\": \"" + bad + "\", \"n_images\": 1, \"detector\": \"" + DETECTOR + "\"}");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode r = Http.json(response).get("response");
            assertThat(r.get("status").asText()).isEqualTo("request_fail");
            assertThat(r.get("message").asText()).contains("outside the output roots");
        }
        assertThat(Path.of("/etc/daqhub-test.h5")).doesNotExist();
        assertThat(DATA_DIR.resolve("escape.h5")).doesNotExist();
    }

    @Test
    void badRequestsAreClear4xx() {
        assertError(http().postJson("/write_sync", "{\"output_file\": \"x.h5\"}"), 400, "n_images is missing");
        assertError(http().postJson("/write_sync", "{\"output_file\": \"x.h5\", \"n_images\": \"ten\"}"), 400,
                "n_images must be an integer");
        assertError(http().postJson("/write_async", "{\"n_images\": 0}"), 400, "output_file is missing");
        assertError(http().postJson("/write_async", "{not json"), 400, "JSON");
        assertError(http().postJson("/write_sync", "{\"output_file\": \"x.h5\", \"n_images\": 1, \"detector\": \"nope\"}"),
                400, "detector 'nope' is not one of");
        assertError(http().postJson("/write_kill", "{}"), 400, "request_id");
        assertError(http().postJson("/write_kill", "{\"request_id\": \"no-such\"}"), 404, "unknown request_id no-such");
        assertError(http().get("/write/no-such"), 404, "unknown request_id");
    }

    @Test
    void writeSyncThatDoesNotEndInTimeIs504WithTheRequestId() {
        HttpResponse<String> response = http().postJson("/write_sync",
                "{\"output_file\": \"e2e/never.h5\", \"n_images\": 1, \"detector\": \"eiger-sim\"}");
        assertError(response, 504, "did not end within");
        String requestId = Http.json(response).get("request_id").asText();
        assertThat(Http.json(http().get("/write/" + requestId)).get("state").asText()).isEqualTo("running");
        assertThat(http().postJson("/write_kill", "{\"request_id\": \"" + requestId + "\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void aWholeAcquisitionRunsFromRestWithTheSimulatedDetector() throws Exception {
        JsonNode config = Http.json(http().get("/detector/" + DETECTOR));
        assertThat(config.fieldNames()).toIterable().containsExactly("det_name", "dr", "exptime", "frames", "period",
                "speed", "tengiga", "threshold", "timing", "triggers");
        assertThat(config.get("det_name").asText()).isEqualTo("JUNGFRAU-SIM");
        assertThat(Http.json(http().postJson("/detector",
                "{\"det_name\": \"" + DETECTOR + "\", \"config\": {\"frames\": 4, \"period\": 0.01}}")).get("response").asText())
                .isEqualTo("request_success");
        assertThat(Http.json(http().postJson("/detector/" + DETECTOR, "{\"config\": {\"bogus\": 1, \"frames\": 2}}"))
                .get("response").asText()).isEqualTo("Parameter not valid: bogus");
        assertThat(Http.json(http().get("/detector/" + DETECTOR)).get("frames").asLong()).isEqualTo(4);
        assertError(http().postJson("/detector/" + DETECTOR, "{\"config\": {\"frames\": -1}}"), 400, "frames must be");
        assertError(http().get("/detector/nope"), 404, "no detector named 'nope'");

        String requestId = Http.json(http().postJson("/write_async",
                "{\"output_file\": \"e2e/acquisition.h5\", \"n_images\": 4, \"detector\": \"" + DETECTOR + "\"}"))
                .get("request_id").asText();
        awaitWriterActive();
        assertThat(Http.json(http().postJson("/detector/" + DETECTOR, "{\"cmd\": \"START\"}")).get("response").asText())
                .isEqualTo("request_success");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Http.json(http().get("/write/" + requestId)).get("state").asText().equals("succeeded"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Http.json(http().postJson("/detector/" + DETECTOR, "{\"cmd\": \"STATUS\"}")).get("status").asText().equals("IDLE"));
        assertThat(Files.exists(DATA_DIR.resolve("output/e2e/acquisition.h5"))).isTrue();
        assertThat(Http.json(http().postJson("/detector/" + DETECTOR, "{\"cmd\": \"JUMP\"}")).get("response").asText())
                .isEqualTo("Eiger command not found.");
    }

    private static void assertError(HttpResponse<String> response, int status, String text) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(Http.json(response).get("error").asText()).contains(text);
    }

    private void awaitWriterActive() {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode w : Http.json(http().get("/writer")).get("writers")) {
                if (w.get("detector").asText().equals(DETECTOR) && !w.get("active_request").isNull()) {
                    return true;
                }
            }
            return false;
        });
    }

    private DetectorDefinition definition() throws Exception {
        return DetectorDefinitions.load(DETECTORS_DIR.resolve(DETECTOR + ".json"));
    }

    /** Sends {@code frames} frames of the simulator's checkable pattern; answers the first frame number. */
    private long simulate(int frames) throws Exception {
        JsonNode info = Http.json(http().get("/detectors")).at("/detectors/" + DETECTOR);
        long first = nextFrame;
        nextFrame += frames + 10;
        new DetectorSimulator(definition(), SimulatorOptions.defaults().withPort(info.at("/udp_ports/0").asInt())
                .withFrames(frames, 100).withFirstFrame(first)).run();
        return first;
    }

    private static Delivery next(BlockingQueue<Delivery> queue, String requestId) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            Delivery d = queue.poll(100, TimeUnit.MILLISECONDS);
            if (d != null && requestId.equals(d.getProperties().getCorrelationId())) {
                return d;
            }
        }
        throw new AssertionError("no status for " + requestId);
    }

    private static String header(Delivery d, String name) {
        Object v = d.getProperties().getHeaders().get(name);
        return v == null ? null : v.toString();
    }
}
