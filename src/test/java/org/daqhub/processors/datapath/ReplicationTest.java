package org.daqhub.processors.datapath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.processors.receive.DetectorDefinitions;
import org.daqhub.processors.receive.ImageMetadata;
import org.daqhub.support.FreeUdpPorts;
import org.daqhub.tools.simulator.DetectorSimulator;
import org.daqhub.tools.simulator.SimulatorOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZContext;

/**
 * stream-send on one data path, stream-recv on another: the replica's buffer holds the same images
 * in the same slots and it announces the same metadata.
 */
class ReplicationTest {

    @TempDir
    Path dir;

    @Test
    void replicaBufferMatchesTheSource() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode source = (ObjectNode) json.readTree(Path.of("config/detectors/jungfrau-sim.json").toFile());
        ObjectNode hub = (ObjectNode) source.get("daqhub");
        hub.put("buffer_slots", 32);
        hub.put("metadata_endpoint", "");
        hub.put("stream_endpoint", "tcp://127.0.0.1:*");
        DetectorDefinition sourceDef = DetectorDefinitions.parse(source);

        List<ImageMetadata> sent = new CopyOnWriteArrayList<>();
        List<ImageMetadata> replicated = new CopyOnWriteArrayList<>();
        // Two contexts, as two hub processes have.
        try (ZContext zmq = new ZContext(); ZContext replicaZmq = new ZContext();
                DetectorRuntime a = new DetectorRuntime(sourceDef, "127.0.0.1",
                        Files.createDirectories(dir.resolve("a")), FreeUdpPorts.consecutive(2), null, zmq)) {
            a.setSink(image -> {
                a.sendImage(image);
                sent.add(image);
            });
            a.start();
            ObjectNode replica = source.deepCopy();
            ((ObjectNode) replica.get("daqhub")).put("stream_endpoint", "");
            ((ObjectNode) replica.get("daqhub")).put("stream_source", a.endpoints().get("stream"));
            try (DetectorRuntime b = new DetectorRuntime(DetectorDefinitions.parse(replica), "127.0.0.1",
                    Files.createDirectories(dir.resolve("b")), 0, null, replicaZmq)) {
                b.setSink(replicated::add);
                b.start();
                assertThat(b.udpPorts()).as("a replica opens no UDP port").isEmpty();
                // PUSH/PULL delivers once connected; keep sending single frames until the first arrives.
                long frame = 1;
                while (replicated.isEmpty() && frame < 200) {
                    simulate(sourceDef, a, frame++, 1);
                }
                long firstId = DetectorSimulator.imageIdOf(sourceDef, 1000);
                simulate(sourceDef, a, 1000, 10);
                await().atMost(Duration.ofSeconds(10)).until(() -> replicated.stream()
                        .filter(r -> r.imageId() >= firstId && r.imageId() < firstId + 10).count() == 10);
                List<ImageMetadata> run = sent.stream()
                        .filter(s -> s.imageId() >= firstId && s.imageId() < firstId + 10).toList();
                assertThat(run).hasSize(10);
                for (ImageMetadata original : run) {
                    ImageMetadata copy = replicated.stream().filter(r -> r.imageId() == original.imageId())
                            .findFirst().orElseThrow();
                    assertThat(copy).isEqualTo(original);
                    ByteBuffer pa = ByteBuffer.allocate(a.buffer().imageBytes());
                    ByteBuffer pb = ByteBuffer.allocate(b.buffer().imageBytes());
                    assertThat(a.buffer().read(original.imageId(), pa)).isNotNull();
                    assertThat(b.buffer().read(original.imageId(), pb)).isNotNull();
                    assertThat(pb.flip()).isEqualTo(pa.flip());
                }
            }
        }
    }

    private static void simulate(DetectorDefinition d, DetectorRuntime a, long first, int frames) throws Exception {
        new DetectorSimulator(d, SimulatorOptions.defaults().withPort(a.udpPorts().get(0))
                .withFrames(frames, 50).withFirstFrame(first)).run();
    }
}
