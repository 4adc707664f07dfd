package org.daqhub.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.processors.receive.ModulePosition;
import org.daqhub.tools.simulator.DetectorSimulator;
import org.daqhub.tools.simulator.PixelPattern;
import org.daqhub.support.FaultyDisks;
import org.daqhub.support.H5Dump;
import org.daqhub.support.H5py;
import org.daqhub.support.Http;
import org.daqhub.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.daqhub.support.Hdf5Values;

/**
 * The writer over the real protocols: simulator packets over UDP in, requests over HTTP (the REST
 * proxy) and over AMQP (std_daq's own protocol, spoken by a raw client), HDF5 files read back.
 */
class WriterEndToEndTest extends HubTestSupport implements WriterProtocolContract {

    private static final String DETECTOR = "jungfrau-sim";

    @Override
    public int amqpPort() {
        return BROKER_PORT;
    }

    @Override
    public String tag() {
        return "daqhub";
    }

    @Override
    public Path dataDir() {
        return DATA_DIR;
    }

    @Override
    public Path detectorsDir() {
        return DETECTORS_DIR;
    }

    @Test
    void writeSyncWritesFiftySimulatorImagesIntoOneFile() throws Exception {
        CompletableFuture<HttpResponse<String>> sync = CompletableFuture.supplyAsync(() -> http().postJson(
                "/write_sync", "{\"output_file\": \"e2e/sync.h5\", \"n_images\": 50, \"sources\": \"" + DETECTOR + "\"}"));
        WriterTests.awaitWriterActive(http(), DETECTOR);
        long first = WriterTests.simulate(http(), DETECTORS_DIR, DETECTOR, 50);

        HttpResponse<String> response = sync.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = Http.json(response);
        assertThat(answer.fieldNames()).toIterable().containsExactly("request_id", "response");
        JsonNode r = answer.get("response");
        assertThat(r.fieldNames()).toIterable().containsExactly("end_timestamp", "init_timestamp", "output_file", "status");
        assertThat(r.get("status").asText()).isEqualTo("request_success");
        assertThat(r.get("output_file").asText()).isEqualTo("e2e/sync.h5");

        Path file = DATA_DIR.resolve("output/e2e/sync.h5");
        DetectorDefinition d = WriterTests.definition(DETECTORS_DIR, DETECTOR);
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset data = hdf.getDatasetByPath("/entry/data/data");
            assertThat(data.getDimensions()).containsExactly(50, d.imageHeight(), d.imageWidth());
            long[] ids = Hdf5Values.longs(hdf.getDatasetByPath("/entry/data/image_id"));
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
            assertThat(Hdf5Values.longs(hdf.getDatasetByPath("/entry/data/image_status"))).containsOnly(1);
            assertThat(hdf.getByPath("/entry").getAttribute("request_id").getData())
                    .isEqualTo(answer.get("request_id").asText());
            assertThat(hdf.getDatasetByPath("/entry/instrument/detector/detector_name").getData()).isEqualTo(DETECTOR);
            assertThat(hdf.getDatasetByPath("/entry/instrument/detector/number_of_modules").getData()).isEqualTo(2);
        }
        if (H5Dump.available()) {
            assertThat(H5Dump.run(file, "-H")).contains("DATASPACE  SIMPLE { ( 50, 1024, 1024 )");
        }
        if (H5py.available()) {
            assertThat(H5py.run(file, "print(f['/entry/data/data'].shape, f['/entry/instrument/detector'].attrs['NX_class'].decode())"))
                    .isEqualTo("(50, 1024, 1024) NXdetector");
        }
        String metrics = http().get("/actuator/prometheus").body();
        assertThat(metrics).contains("daqhub_writer_images_written_total{detector=\"" + DETECTOR + "\"}")
                .contains("daqhub_writer_active{detector=\"" + DETECTOR + "\"}");
        JsonNode status = Http.json(http().get("/write/" + answer.get("request_id").asText()));
        assertThat(status.get("state").asText()).isEqualTo("succeeded");
        assertThat(status.get("images_written").asLong()).isEqualTo(50);
        assertThat(status.at("/files/0").asText()).isEqualTo(file.toString());
    }

    @Test
    void packetsLostOnTheWayAreCountedAndMarkedInTheFileWhoseImagesStayInIdOrder() throws Exception {
        long lostBefore = Http.json(http().get("/detector/" + DETECTOR + "/stats")).get("packets_lost").asLong();
        CompletableFuture<HttpResponse<String>> sync = CompletableFuture.supplyAsync(() -> http().postJson(
                "/write_sync", "{\"output_file\": \"e2e/lossy.h5\", \"n_images\": 30, \"sources\": \"" + DETECTOR + "\"}"));
        WriterTests.awaitWriterActive(http(), DETECTOR);
        WriterTests.Sent sent = WriterTests.simulate(http(), DETECTORS_DIR, DETECTOR, 30, 0.01);
        HttpResponse<String> response = sync.get(30, TimeUnit.SECONDS);
        assertThat(Http.json(response).at("/response/status").asText()).as(response.body()).isEqualTo("request_success");

        DetectorDefinition d = WriterTests.definition(DETECTORS_DIR, DETECTOR);
        try (HdfFile hdf = new HdfFile(DATA_DIR.resolve("output/e2e/lossy.h5"))) {
            long[] ids = Hdf5Values.longs(hdf.getDatasetByPath("/entry/data/image_id"));
            long[] status = Hdf5Values.longs(hdf.getDatasetByPath("/entry/data/image_status"));
            long[] missing = Hdf5Values.longs(hdf.getDatasetByPath("/entry/data/missing_packets"));
            for (int i = 0; i < 30; i++) {
                assertThat(ids[i]).as("image %d", i).isEqualTo(DetectorSimulator.imageIdOf(d, sent.firstFrame() + i));
                assertThat(status[i]).as("status of image %d with %d packets missing", i, missing[i])
                        .isEqualTo(missing[i] > 0 ? 2 : 1);
            }
            long lostInFile = java.util.Arrays.stream(missing).sum();
            assertThat(sent.packetsDropped()).isPositive();
            // The simulator's drops, and any the loaded machine's kernel added: the same in the file and the counters.
            assertThat(lostInFile).isGreaterThanOrEqualTo(sent.packetsDropped());
            // The counter also has the frames skipped between two tests' runs (a gap in the frame numbers).
            long lostAfter = Http.json(http().get("/detector/" + DETECTOR + "/stats")).get("packets_lost").asLong();
            assertThat(lostAfter - lostBefore).isGreaterThanOrEqualTo(lostInFile);
        }
    }

    @Test
    void aKillMidWriteAnswersSuccessWithKilledAndLeavesAValidFile() throws Exception {
        String requestId = Http.json(http().postJson("/write_async",
                "{\"output_file\": \"e2e/killed.h5\", \"n_images\": 1000, \"detector\": \"" + DETECTOR + "\"}"))
                .get("request_id").asText();
        WriterTests.awaitWriterActive(http(), DETECTOR);
        WriterTests.simulate(http(), DETECTORS_DIR, DETECTOR, 3);
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
    void everyRequestsStatusesLeaveInOrderWhileClientsSubmitAtOnce() throws Exception {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setPort(BROKER_PORT);
        try (com.rabbitmq.client.Connection connection = factory.newConnection();
                com.rabbitmq.client.Channel channel = connection.createChannel()) {
            String statusQueue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(statusQueue, "status", tag());
            java.util.Map<String, List<String>> actions = new java.util.concurrent.ConcurrentHashMap<>();
            channel.basicConsume(statusQueue, true, (t, m) -> actions
                    .computeIfAbsent(m.getProperties().getCorrelationId(), id -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(WriterTests.header(m, "action")), t -> { });
            // 200 requests from 8 clients at once, each failing as soon as it starts (outside the roots)
            java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
            List<java.util.concurrent.Future<String>> submitted = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String body = "{\"output_file\": \"/etc/daqhub-order-" + i + ".h5\", \"n_images\": 1, \"detector\": \""
                        + DETECTOR + "\"}";
                submitted.add(clients.submit(() -> Http.json(http().postJson("/write_async", body)).get("request_id").asText()));
            }
            List<String> ids = new java.util.ArrayList<>();
            for (var f : submitted) {
                ids.add(f.get(60, TimeUnit.SECONDS));
            }
            clients.shutdown();
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                    .allMatch(id -> actions.getOrDefault(id, List.of()).size() == 2));
            assertThat(ids).allSatisfy(id -> {
                assertThat(actions.get(id)).as(id).containsExactly("request_start", "request_fail");
                assertThat(Http.json(http().get("/write/" + id)).get("status").asText()).isEqualTo("request_fail");
            });
        }
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
    void aLinkPlantedAtTheTemporaryNameIsNeverWrittenThrough() throws Exception {
        Path dir = Files.createDirectories(DATA_DIR.resolve("output/planted"));
        Path victim = Files.writeString(Files.createTempFile("daqhub-victim", ".txt"), "precious");
        Path dangling = Files.createTempDirectory("daqhub-outside").resolve("created.h5");
        Files.createSymbolicLink(dir.resolve(".victim.h5.part"), victim);
        Files.createSymbolicLink(dir.resolve(".dangling.h5.part"), dangling);
        for (String name : List.of("victim", "dangling")) {
            HttpResponse<String> response = http().postJson("/write_sync",
                    "{\"output_file\": \"planted/" + name + ".h5\", \"n_images\": 2, \"detector\": \"" + DETECTOR + "\"}");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode r = Http.json(response).get("response");
            assertThat(r.get("status").asText()).as(name).isEqualTo("request_fail");
            assertThat(r.get("message").asText()).as(name).contains("symbolic link");
        }
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(dangling).doesNotExist();
        assertThat(dir.resolve("victim.h5")).doesNotExist();
    }

    @Test
    void anUnwritableDirectoryFailsTheRequestAtOnceWithTheReason() throws Exception {
        Path locked = Files.createDirectories(DATA_DIR.resolve("output/locked"));
        FaultyDisks.lock(locked);
        try {
            HttpResponse<String> response = http().postJson("/write_sync",
                    "{\"output_file\": \"locked/x.h5\", \"n_images\": 5, \"detector\": \"" + DETECTOR + "\"}");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode r = Http.json(response).get("response");
            assertThat(r.get("status").asText()).isEqualTo("request_fail");
            assertThat(r.get("message").asText()).containsAnyOf("permission denied", "Operation not permitted");
            try (var files = Files.list(locked)) {
                assertThat(files).isEmpty();
            }
        } finally {
            FaultyDisks.unlock(locked);
        }
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
        assertError(http().get("/write/null"), 404, "unknown request_id null");
        assertError(http().postJson("/write_async", "{\"output_file\": \"x.h5\", \"n_images\": 5, \"compression\": \"zstd\"}"),
                400, "compression 'zstd' is not one of");
        assertError(http().postJson("/write_async", "{\"output_file\": \"x.h5\", \"n_images\": 18446744073709551617}"),
                400, "n_images must be an integer");
        assertError(http().postJson("/write_async", "{\"output_file\": \"x.h5\", \"n_images\": 5,"
                + " \"images_per_file\": 4294967297}"), 400, "images_per_file must be a positive integer");
        assertError(http().postJson("/write_sync", ""), 400, "body is empty");
        assertError(http().postJson("/write_kill", ""), 400, "body is empty");
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
        // out of range is refused, never wrapped (-2^63 - 1 was stored as 2^63 - 1, 1e400 as Infinity)
        assertError(http().postJson("/detector/" + DETECTOR, "{\"config\": {\"frames\": -9223372036854775809}}"), 400,
                "frames must be an integer from 1");
        assertError(http().postJson("/detector/" + DETECTOR, "{\"config\": {\"frames\": 18446744073709551617}}"), 400,
                "frames must be an integer from 1");
        assertError(http().postJson("/detector/" + DETECTOR, "{\"config\": {\"exptime\": 1e400}}"), 400,
                "exptime must be a finite number");
        assertThat(Http.json(http().get("/detector/" + DETECTOR)).get("frames").asLong()).isEqualTo(4);
        assertError(http().get("/detector/nope"), 404, "no detector named 'nope'");

        String requestId = Http.json(http().postJson("/write_async",
                "{\"output_file\": \"e2e/acquisition.h5\", \"n_images\": 4, \"detector\": \"" + DETECTOR + "\"}"))
                .get("request_id").asText();
        WriterTests.awaitWriterActive(http(), DETECTOR);
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





}
