package org.daqhub.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.SlotMetadata;
import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.processors.receive.DetectorDefinitions;
import org.daqhub.processors.receive.ModulePosition;
import org.daqhub.tools.simulator.DetectorSimulator;
import org.daqhub.tools.simulator.PixelPattern;
import org.daqhub.tools.simulator.SimulatorOptions;
import org.daqhub.support.FreePorts;
import org.daqhub.support.FreeUdpPorts;
import org.daqhub.support.Http;
import org.daqhub.support.HubProcess;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * std_daq's buffer replication between two hub processes: the first receives the detector over UDP
 * and sends its image stream ({@code stream_endpoint}); the second ({@code stream_source}) fills its
 * own buffer from it and announces the images on its own metadata socket, as if it had assembled them.
 */
class ReplicationProcessIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSecondHubReplicatesTheFirstOnesBuffer() throws Exception {
        String stream = "tcp://127.0.0.1:" + FreePorts.tcp();
        String replicaMetadata = "tcp://127.0.0.1:" + FreePorts.tcp();
        Path sourceDefs = definitions("source", stream, "", "tcp://127.0.0.1:" + FreePorts.tcp());
        Path replicaDefs = definitions("replica", "", stream, replicaMetadata);
        try (HubProcess source = HubProcess.start("source", args(sourceDefs));
                HubProcess replica = HubProcess.start("replica", args(replicaDefs))) {
            Http sourceHttp = source.awaitHealthy(Duration.ofSeconds(90)).http();
            replica.awaitHealthy(Duration.ofSeconds(90));
            DetectorDefinition d = DetectorDefinitions.load(sourceDefs.resolve("jungfrau-sim.json"));
            int port = Http.json(sourceHttp.get("/detectors")).at("/detectors/jungfrau-sim/udp_ports/0").asInt();
            Path replicaBuffer = replica.dir().resolve("daqhub-jungfrau-sim.buffer");
            // The replica has no receivers: its detector is controlled where it is received.
            assertThat(replica.http().get("/detector/jungfrau-sim").statusCode()).isEqualTo(409);

            try (ZContext zmq = new ZContext()) {
                ZMQ.Socket sub = null;
                long frame = 1;
                long replicated = -1;
                JsonNode announced = null;
                // Until a batch of images shows up in the replica's buffer and on its metadata socket
                // (the replica's PULL and our SUB connect in the background); a silent SUB connection
                // is replaced (see DetectorEndToEndTest).
                for (int attempt = 0; attempt < 30 && announced == null; attempt++) {
                    if (attempt % 10 == 0) {
                        if (sub != null) {
                            zmq.destroySocket(sub);
                        }
                        sub = zmq.createSocket(SocketType.SUB);
                        sub.setReceiveTimeOut(500);
                        sub.subscribe(new byte[0]);
                        sub.connect(replicaMetadata);
                    }
                    new DetectorSimulator(d, SimulatorOptions.defaults().withPort(port).withFrames(5, 50)
                            .withFirstFrame(frame)).run();
                    long last = DetectorSimulator.imageIdOf(d, frame + 4);
                    frame += 5;
                    byte[] m;
                    while ((m = sub.recv()) != null) {
                        JsonNode node = JSON.readTree(m);
                        if (node.get("image_id").asLong() == last) {
                            announced = node;
                            replicated = last;
                        }
                    }
                }
                assertThat(announced).as("the replica announced a replicated image; replica log:\n%s",
                        replica.logText()).isNotNull();
                assertThat(announced.get("detector").asText()).isEqualTo("jungfrau-sim");
                assertThat(announced.get("status").asText()).isEqualTo("good");
                assertThat(announced.get("dtype").asText()).isEqualTo("uint16");

                try (ImageBuffer buffer = ImageBuffer.openReadOnly(replicaBuffer)) {
                    ByteBuffer pixels = ByteBuffer.allocate(buffer.imageBytes());
                    SlotMetadata meta = buffer.read(replicated, pixels);
                    assertThat(meta).as("image %d in the replica's buffer", replicated).isNotNull();
                    ByteBuffer b = pixels.flip().order(ByteOrder.LITTLE_ENDIAN);
                    for (ModulePosition p : d.modules()) {
                        assertThat(b.getShort((p.y0() * d.imageWidth() + p.x0()) * 2) & 0xFFFF)
                                .isEqualTo((int) PixelPattern.value(d, replicated, p.index(), 0, 0));
                    }
                }
            }
        }
    }

    private static List<String> args(Path definitions) {
        return List.of("--daqhub.detector.definitions-dir=" + definitions, "--daqhub.detector.bind-address=127.0.0.1");
    }

    /** A copy of the shipped jungfrau-sim on free ports, with the given ZeroMQ settings. */
    private static Path definitions(String name, String streamEndpoint, String streamSource, String metadata)
            throws Exception {
        Path dir = Files.createTempDirectory("daqhub-defs-" + name);
        ObjectNode d = (ObjectNode) JSON.readTree(Path.of("config/detectors/jungfrau-sim.json").toFile());
        d.put("start_udp_port", FreeUdpPorts.consecutive(2));
        ObjectNode hub = (ObjectNode) d.get("daqhub");
        hub.put("buffer_slots", 64);
        hub.put("metadata_endpoint", metadata);
        hub.put("stream_endpoint", streamEndpoint);
        hub.put("stream_source", streamSource);
        JSON.writeValue(dir.resolve("jungfrau-sim.json").toFile(), d);
        return dir;
    }
}
