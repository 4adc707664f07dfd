package org.daqhub.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.processors.receive.DetectorDefinitions;
import org.daqhub.processors.receive.ExpectedImage;
import org.daqhub.tools.simulator.DetectorSimulator;
import org.daqhub.tools.simulator.SimulatorOptions;
import org.daqhub.support.Http;
import org.daqhub.support.HubTestSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /detector/{name}/preview} over HTTP while the simulator sends: the values are the
 * simulator's known pattern, pixel for pixel at full size and block means when scaled down.
 */
class DetectorPreviewEndToEndTest extends HubTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void aFullSizePreviewIsTheAssembledImagePixelForPixel() throws Exception {
        DetectorDefinition d = definition("jungfrau-sim");
        Preview p = previewAfterSimulating(d, 600_000, "?max_size=2048");
        assertThat(p.meta.get("bin").asInt()).isEqualTo(1);
        assertThat(p.meta.get("width").asInt()).isEqualTo(d.imageWidth());
        assertThat(p.meta.get("height").asInt()).isEqualTo(d.imageHeight());
        assertThat(p.meta.get("status").asText()).isEqualTo("good");
        assertThat(p.meta.get("missing_packets").asInt()).isZero();
        long[] expected = ExpectedImage.of(d, p.meta.get("image_id").asLong(), null);
        for (int i = 0; i < expected.length; i++) {
            if (p.values[i] != expected[i]) {
                throw new AssertionError("pixel " + i + " (row " + i / d.imageWidth() + ", column "
                        + i % d.imageWidth() + "): " + p.values[i] + ", expected " + expected[i]);
            }
        }
    }

    @Test
    void aScaledPreviewHoldsTheMeanOfEachBlock() throws Exception {
        DetectorDefinition d = definition("jungfrau-sim");
        Preview p = previewAfterSimulating(d, 610_000, "?max_size=256");
        int bin = p.meta.get("bin").asInt();
        int width = p.meta.get("width").asInt();
        assertThat(bin).isEqualTo(4);
        assertThat(width).isEqualTo(d.imageWidth() / 4);
        long[] expected = ExpectedImage.of(d, p.meta.get("image_id").asLong(), null);
        for (int py = 0; py < p.meta.get("height").asInt(); py += 37) {
            for (int px = 0; px < width; px += 29) {
                double sum = 0;
                for (int y = py * bin; y < (py + 1) * bin; y++) {
                    for (int x = px * bin; x < (px + 1) * bin; x++) {
                        sum += expected[y * d.imageWidth() + x];
                    }
                }
                assertThat((double) p.values[py * width + px]).as("preview pixel (%d, %d)", py, px)
                        .isCloseTo(sum / (bin * bin), org.assertj.core.data.Offset.offset(1e-3));
            }
        }
    }

    @Test
    void badQueriesAndUnknownDetectorsAreClearErrors() {
        var tooLarge = http().get("/detector/jungfrau-sim/preview?max_size=99999");
        assertThat(tooLarge.statusCode()).isEqualTo(400);
        assertThat(Http.json(tooLarge).get("error").asText()).contains("max_size must be between 1 and 2048");
        var notANumber = http().get("/detector/jungfrau-sim/preview?image_id=latest");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(Http.json(notANumber).get("error").asText()).contains("image_id must be a whole number");
        var unknown = http().get("/detector/nope/preview");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.json(unknown).get("error").asText()).contains("no detector named 'nope'");
        var gone = http().get("/detector/jungfrau-sim/preview?image_id=1");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(Http.json(gone).get("error").asText()).contains("no longer in its buffer");
    }

    private Preview previewAfterSimulating(DetectorDefinition d, long firstFrame, String query) throws Exception {
        JsonNode info = Http.json(http().get("/detectors")).at("/detectors/" + d.name());
        new DetectorSimulator(d, SimulatorOptions.defaults().withPort(info.at("/udp_ports/0").asInt())
                .withFrames(3, 50).withFirstFrame(firstFrame)).run();
        Preview[] seen = new Preview[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            seen[0] = preview("/detector/" + d.name() + "/preview" + query);
            return seen[0].meta.get("frame_number").asLong() >= firstFrame;
        });
        return seen[0];
    }

    private Preview preview(String path) throws Exception {
        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(http().uri(path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        JsonNode meta = JSON.readTree(response.headers().firstValue("X-Preview").orElseThrow());
        float[] values = new float[response.body().length / 4];
        ByteBuffer.wrap(response.body()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        assertThat(values).hasSize(meta.get("width").asInt() * meta.get("height").asInt());
        return new Preview(meta, values);
    }

    private record Preview(JsonNode meta, float[] values) {
    }

    private static DetectorDefinition definition(String name) throws Exception {
        return DetectorDefinitions.load(DETECTORS_DIR.resolve(name + ".json"));
    }
}
