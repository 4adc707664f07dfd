package org.daqhub.capabilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import io.jhdf.HdfFile;
import org.daqhub.events.EventSockets;
import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.processors.receive.DetectorDefinitions;
import org.daqhub.tools.simulator.DetectorSimulator;
import org.daqhub.tools.simulator.SimulatorOptions;
import org.daqhub.processors.filewriter.hdf5.Compression;
import org.daqhub.support.Commands;
import org.daqhub.support.FreePorts;
import org.daqhub.support.FreeUdpPorts;
import org.daqhub.support.Http;
import org.daqhub.support.HubProcess;
import org.daqhub.support.ServicesTestData;
import org.daqhub.support.TestImageFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hub across nodes, on one machine: four packaged hubs on the services profile sharing this
 * machine's RabbitMQ, Redis and PostgreSQL, in the roles of openshift/overlays: two stateless
 * replicas ({@code registry,event-streams,requests,users,datastore}), a detector node
 * ({@code detector}: receives the UDP packets, sends its image stream) and a writer hub
 * ({@code detector,writer}: fills its buffer from that stream by ZeroMQ and writes files on
 * requests arriving over RabbitMQ). Then one replica stops, as a pod does, and the other still
 * answers everything acknowledged through it. The four share a RabbitMQ virtual host of their own,
 * as one installation does: other hubs on the machine's broker (the services tests' own) consume
 * the same queue names, as a second installation on one broker would without its own vhost.
 */
class RolesServicesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServicesTestData DATA = ServicesTestData.create();
    private static final String TAG = "daqhub-it-" + DATA.schema();
    private static final String STATELESS = "registry,event-streams,requests,users,datastore";
    private static final String VHOST = "daqhub-" + DATA.schema();
    private static final List<HubProcess> HUBS = new ArrayList<>();

    @BeforeAll
    static void virtualHost() throws Exception {
        assertThat(Commands.run("rabbitmqctl", "-q", "add_vhost", VHOST)).as("rabbitmqctl add_vhost").isTrue();
        assertThat(Commands.run("rabbitmqctl", "-q", "set_permissions", "-p", VHOST, "guest", ".*", ".*", ".*"))
                .as("rabbitmqctl set_permissions").isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        HUBS.forEach(HubProcess::close);
        DATA.remove();
        Commands.run("rabbitmqctl", "-q", "delete_vhost", VHOST);
    }

    @Test
    void twoReplicasADetectorNodeAndAWriterHubWorkAsOneHub() throws Exception {
        Path shared = Files.createTempDirectory("daqhub-roles-shared"); // the ReadWriteMany volume
        for (int i = 1; i <= 2; i++) {
            TestImageFiles.write(shared.resolve("output/roles/run_" + i + ".h5"), 5, Compression.NONE);
        }
        String stream = "tcp://127.0.0.1:" + FreePorts.tcp();
        Path detectorDefinitions = definitions("node", stream, "");
        Path writerDefinitions = definitions("writer", "", stream);
        Path files = Files.createTempDirectory("daqhub-roles-files");
        List<String> replicaArgs = List.of("--daqhub.capabilities=" + STATELESS,
                "--daqhub.requests.data-root=" + shared, "--daqhub.requests.results-dir=" + shared.resolve("results"),
                "--daqhub.detector.enabled=false");
        HubProcess a = start("replica-a", replicaArgs);
        HubProcess b = start("replica-b", replicaArgs);
        HubProcess node = start("detector-node", List.of("--daqhub.capabilities=detector",
                "--daqhub.detector.definitions-dir=" + detectorDefinitions, "--daqhub.detector.bind-address=127.0.0.1",
                "--daqhub.detector.statistics-events=1s"));
        HubProcess writer = start("writer-hub", List.of("--daqhub.capabilities=detector,writer",
                "--daqhub.detector.definitions-dir=" + writerDefinitions, "--daqhub.detector.bind-address=127.0.0.1",
                "--daqhub.writer.output-roots=" + files));
        Http httpA = a.awaitHealthy(Duration.ofSeconds(120)).http();
        Http httpB = b.awaitHealthy(Duration.ofSeconds(120)).http();
        Http httpNode = node.awaitHealthy(Duration.ofSeconds(120)).http();
        Http httpWriter = writer.awaitHealthy(Duration.ofSeconds(120)).http();
        assertThat(Http.json(httpA.get("/hub/info")).get("capabilitiesOff").toString()).contains("detector", "writer");
        assertThat(httpA.get("/detectors").statusCode()).as("the detector is not a replica's").isEqualTo(404);

        // the registry, through both replicas (Redis)
        String partition = "roles-" + DATA.schema();
        assertThat(httpA.postJson("/publish", publish(partition, "from-a", 1)).body()).isEqualTo("OK");
        assertThat(httpB.postJson("/publish", publish(partition, "from-b", 2)).body()).isEqualTo("OK");
        for (Http replica : List.of(httpA, httpB)) {
            assertThat(replica.postJson("/getconnection/" + partition, "{\"uid_regex\": \"from-.*\", \"data_type\": \"T\"}")
                    .body()).contains("from-a", "from-b");
        }

        // an event stream through replica A while the detector node's events arrive over RabbitMQ
        JsonNode created = Http.json(httpA.postJson("/event-stream/",
                "{\"routing_key\": \"detector.jungfrau-sim.statistics\"}"));
        String uuid = created.get("location").asText().replaceAll(".*/", "");
        String portA = httpA.uri("/").toString().replaceAll(".*:(\\d+)/$", "$1");
        EventSockets.Client socket = EventSockets.connect("ws://127.0.0.1:" + portA + "/event-stream/" + uuid);
        JsonNode nodePorts = Http.json(httpNode.get("/detectors")).at("/detectors/jungfrau-sim/udp_ports");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Object frame = socket.frames.poll(1, TimeUnit.SECONDS);
            return frame instanceof String text && text.startsWith("{")
                    && JSON.readTree(text).at("/statistics/udp_ports").equals(nodePorts);
        });

        // a request through replica B, transformed by its embedded transformers, seen through A (PostgreSQL)
        var submitted = httpB.postJson("/servicex/transformation", "{\"did\": \"local://output/roles/*.h5\","
                + " \"columns\": \"sum\", \"result-destination\": \"volume\", \"workers\": 1, \"title\": \"roles\"}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        String requestId = Http.json(submitted).get("request_id").asText();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                Http.json(httpA.get("/servicex/transformation/" + requestId + "/status")).get("status").asText())
                .isEqualTo("Complete"));

        // a write request over RabbitMQ reaches the writer hub, which writes the detector node's images
        writeFiveImages(httpNode, httpWriter, detectorDefinitions);
        try (HdfFile hdf = new HdfFile(files.resolve("roles/run.h5"))) {
            assertThat(hdf.getDatasetByPath("/entry/data/data").getDimensions()).containsExactly(5, 1024, 1024);
        }

        // replica B stops as a pod does; what it acknowledged is still there through A
        b.stop();
        assertThat(httpA.postJson("/getconnection/" + partition, "{\"uid_regex\": \"from-b\", \"data_type\": \"T\"}")
                .body()).contains("from-b");
        assertThat(Http.json(httpA.get("/servicex/transformation/" + requestId + "/status")).get("files-processed")
                .asInt()).isEqualTo(2);
        assertThat(Http.json(httpA.get("/event-stream/")).get("event_streams").findValuesAsText("routing_key"))
                .contains("detector.jungfrau-sim.statistics");
    }

    /** Publishes a write request as std_daq's clients do and sends frames until the writer hub reports success. */
    private static void writeFiveImages(Http node, Http writer, Path definitions) throws Exception {
        DetectorDefinition d = DetectorDefinitions.load(definitions.resolve("jungfrau-sim.json"));
        int port = Http.json(node.get("/detectors")).at("/detectors/jungfrau-sim/udp_ports/0").asInt();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setVirtualHost(VHOST);
        try (Connection amqp = factory.newConnection(); Channel channel = amqp.createChannel()) {
            channel.exchangeDeclare("request", "topic");
            channel.exchangeDeclare("status", "fanout");
            String statusQueue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(statusQueue, "status", TAG);
            BlockingQueue<Delivery> statuses = new LinkedBlockingQueue<>();
            channel.basicConsume(statusQueue, true, (tag, m) -> statuses.add(m), tag -> { });
            String requestId = UUID.randomUUID().toString();
            channel.basicPublish("request", TAG, new AMQP.BasicProperties.Builder().correlationId(requestId)
                    .headers(Map.of()).build(), ("{\"output_file\": \"roles/run.h5\", \"n_images\": 5, "
                    + "\"detector\": \"jungfrau-sim\"}").getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(30)).until(() -> Http.json(writer.get("/writer"))
                    .findValuesAsText("active_request").contains(requestId));
            long[] frame = {1};
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                // frames until five images have crossed the replication (its first ones may be lost to
                // the ZeroMQ connection still being made)
                new DetectorSimulator(d, SimulatorOptions.defaults().withPort(port).withFrames(5, 100)
                        .withFirstFrame(frame[0])).run();
                frame[0] += 5;
                Delivery status;
                while ((status = statuses.poll(500, TimeUnit.MILLISECONDS)) != null) {
                    if (requestId.equals(status.getProperties().getCorrelationId())
                            && "request_success".equals(String.valueOf(status.getProperties().getHeaders().get("action")))) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    private static HubProcess start(String name, List<String> roleArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=services",
                "--spring.datasource.url=" + DATA.jdbcUrl(), "--spring.datasource.username=" + ServicesTestData.PG_USER,
                "--spring.flyway.schemas=" + DATA.schema(), "--spring.flyway.create-schemas=true",
                "--daqhub.registry.redis-prefix=" + DATA.redisPrefix(), "--daqhub.writer.tag=" + TAG,
                "--spring.rabbitmq.virtual-host=" + VHOST));
        args.addAll(roleArgs);
        HubProcess hub = HubProcess.start("roles-" + name, args);
        HUBS.add(hub);
        return hub;
    }

    private static String publish(String partition, String uid, int port) {
        return "{\"connections\": [{\"connection_type\": 0, \"data_type\": \"T\", \"uid\": \"" + uid
                + "\", \"uri\": \"tcp://10.0.0.1:" + port + "\"}], \"partition\": \"" + partition + "\"}";
    }

    /** The shipped jungfrau-sim on free ports, with the given image stream ends. */
    private static Path definitions(String name, String streamEndpoint, String streamSource) throws Exception {
        Path dir = Files.createTempDirectory("daqhub-roles-defs-" + name);
        ObjectNode d = (ObjectNode) JSON.readTree(Path.of("config/detectors/jungfrau-sim.json").toFile());
        d.put("start_udp_port", FreeUdpPorts.consecutive(2));
        ObjectNode hub = (ObjectNode) d.get("daqhub");
        hub.put("buffer_slots", 64);
        hub.put("metadata_endpoint", "tcp://127.0.0.1:" + FreePorts.tcp());
        hub.put("stream_endpoint", streamEndpoint);
        hub.put("stream_source", streamSource);
        JSON.writeValue(dir.resolve("jungfrau-sim.json").toFile(), d);
        return dir;
    }
}
