package org.daqhub.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.processors.filewriter.WriteProgress;
import org.junit.jupiter.api.Test;

/** The writer's answers on the wire: std_daq's sorted keys, and the progress at the top level. No Spring. */
class WriterAnswersTest {

    private final ObjectMapper json = new ObjectMapper();

    private final WriteProgress progress = new WriteProgress("r-1", "JF", "running", "/data/a.h5", 10, 4, 0, 0, 2.0,
            1.5, "lz4", List.of("/data/a_000000.h5"), null, new BigDecimal("1627898398.259"), null, null, null);

    @Test
    void anEndedRequestIsAnsweredAsStdDaqsFlaskDidWithSortedKeys() throws Exception {
        WriterAnswers.Ended ok = new WriterAnswers.Ended("r-1", new WriterAnswers.Outcome("/data/a.h5",
                "request_success", new BigDecimal("1627898398.259"), new BigDecimal("1627898399.5"), null, null, null));
        assertThat(json.writeValueAsString(ok)).isEqualTo("{\"request_id\":\"r-1\",\"response\":{\"end_timestamp\":"
                + "1627898399.5,\"init_timestamp\":1627898398.259,\"output_file\":\"/data/a.h5\",\"status\":\"request_success\"}}");
        WriterAnswers.Outcome killed = new WriterAnswers.Outcome("/data/a.h5", "request_fail", BigDecimal.ONE,
                BigDecimal.TEN, "killed", true, 4L);
        assertThat(json.valueToTree(killed).fieldNames()).toIterable().containsExactly("end_timestamp",
                "images_written", "init_timestamp", "killed", "message", "output_file", "status");
    }

    @Test
    void theStatusOfARequestThisWriterHasIsItsProgressWithTheServices() {
        StatusTracker tracker = new StatusTracker(10);
        tracker.onStatus("r-1", "writer-1", "request_start", "", "/data/a.h5", BigDecimal.ONE);
        tracker.onStatus("r-2", "writer-1", "request_start", "", "/data/b.h5", BigDecimal.ONE);
        JsonNode s = json.valueToTree(WriterAnswers.Status.of("r-1", progress, tracker.get("r-1")));
        assertThat(s.get("request_id").asText()).isEqualTo("r-1");
        assertThat(s.get("images_written").asLong()).isEqualTo(4);
        assertThat(s.has("current_file")).as("the progress keeps its nulls").isTrue();
        assertThat(s.get("status").asText()).isEqualTo("request_start");
        assertThat(s.get("services").get("writer-1").get("action").asText()).isEqualTo("request_start");
        assertThat(s.has("progress")).isFalse();
        JsonNode elsewhere = json.valueToTree(WriterAnswers.Status.of("r-2", null, tracker.get("r-2")));
        assertThat(elsewhere.get("request_id").asText()).isEqualTo("r-2");
        assertThat(elsewhere.get("output_file").asText()).isEqualTo("/data/b.h5");
        assertThat(elsewhere.has("images_written")).isFalse();
    }

    @Test
    void theConsolesActiveRequestIsItsProgressWithTheImagesWaiting() {
        JsonNode a = json.valueToTree(new WriterAnswers.Active(progress, 3));
        assertThat(a.get("n_images").asLong()).isEqualTo(10);
        assertThat(a.get("images_waiting").asLong()).isEqualTo(3);
    }
}
