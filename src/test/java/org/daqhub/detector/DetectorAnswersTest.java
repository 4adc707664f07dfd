package org.daqhub.detector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.processors.datapath.DetectorStatistics;
import org.junit.jupiter.api.Test;

/**
 * The statistics' wire shape: fixed fields by their std_daq-style names, and every step's and
 * module's counters at the top level of their object (as they were when the statistics were a map),
 * also inside the console's detector. No Spring needed.
 */
class DetectorAnswersTest {

    private final ObjectMapper json = new ObjectMapper();

    private final DetectorStatistics statistics = new DetectorStatistics("JF", "jungfrau", List.of(50100),
            Map.of("metadata", "tcp://*:1"), 1.5, 10, 1, 5, 800, 2.0, 7, 700,
            new DetectorStatistics.Buffer("/dev/shm/jf", 100, 1024, 3),
            List.of(new DetectorStatistics.Module(0, 50100, Map.of("packets_received", 10L, "packets_lost", 1L), 64)),
            Map.of("images_good", 3L, "last_image_id", 3L));

    @Test
    void countersSitAtTheTopLevel() {
        JsonNode s = json.valueToTree(statistics);
        assertThat(s.get("images_good").asLong()).isEqualTo(3);
        assertThat(s.get("last_image_id").asLong()).isEqualTo(3);
        assertThat(s.has("steps")).isFalse();
        assertThat(s.get("payload_bytes_per_s_avg").asLong()).isEqualTo(700);
        assertThat(s.get("buffer").get("image_bytes").asLong()).isEqualTo(1024);
        JsonNode module = s.get("modules").get(0);
        assertThat(module.get("packets_lost").asLong()).isEqualTo(1);
        assertThat(module.get("frame_buffers_free").asInt()).isEqualTo(64);
        assertThat(module.has("counters")).isFalse();
    }

    @Test
    void theConsolesDetectorIsTheStatisticsWithItsNewestImage() {
        JsonNode c = json.valueToTree(new DetectorAnswers.ConsoleDetector(statistics,
                new DetectorAnswers.LatestImage(3, 4, "good", 0), 512, 1024));
        assertThat(c.get("images_good").asLong()).isEqualTo(3);
        assertThat(c.get("packets_received").asLong()).isEqualTo(10);
        assertThat(c.get("latest_image").get("frame_number").asLong()).isEqualTo(4);
        assertThat(c.get("image_width").asInt()).isEqualTo(1024);
        assertThat(c.has("statistics")).isFalse();
    }

    @Test
    void parametersAreAtTheTopLevelBesideTheName() {
        JsonNode p = json.valueToTree(new DetectorAnswers.Parameters("JF", Map.of("frames", 10, "timing", "auto")));
        assertThat(p.get("det_name").asText()).isEqualTo("JF");
        assertThat(p.get("frames").asInt()).isEqualTo(10);
        assertThat(p.has("parameters")).isFalse();
        assertThat(json.valueToTree(DetectorAnswers.Reply.SUCCESS).toString()).isEqualTo(
                "{\"response\":\"request_success\"}");
    }
}
