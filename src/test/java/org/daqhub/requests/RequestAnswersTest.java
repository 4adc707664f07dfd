package org.daqhub.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The answers' wire names and nulls, as ServiceX_App (2022) writes them; no Spring needed. */
class RequestAnswersTest {

    private final ObjectMapper json = new ObjectMapper();

    private final TransformRequest running = new TransformRequest(7, "r-1", "a title", "rucio://x", "pt", null,
            "Events", null, 2, "volume", "parquet", 3, null, null, null, TransformRequest.RUNNING, null,
            Instant.parse("2026-01-02T03:04:05.123456Z"), null, 5L, "hub-1", "http://h/servicex/internal/r-1");

    private final ResultSummary oneDone = new ResultSummary(1, 1, 10L, 10L, 10.0, 10L, 2.5, 100L, 40L, 4L);

    @Test
    void aListedRequestWritesEveryFieldWithItsNullsAndNoResultPath() {
        JsonNode listed = json.valueToTree(RequestAnswers.Request.of(running, null));
        assertThat(listed.has("result-path")).isFalse();
        assertThat(listed.get("generated-code-cm").isNull()).isTrue();
        assertThat(listed.get("finish-time").isNull()).isTrue();
        assertThat(listed.get("submit-time").asText()).isEqualTo("2026-01-02T03:04:05.123456Z");
        assertThat(listed.get("workflow-name").asText()).isEqualTo("daqhub_reference");
        assertThat(listed.get("request_id").asText()).isEqualTo("r-1");
        assertThat(listed.get("tree-name").asText()).isEqualTo("Events");
        JsonNode one = json.valueToTree(RequestAnswers.Request.of(running, "/results/r-1"));
        assertThat(one.get("result-path").asText()).isEqualTo("/results/r-1");
    }

    @Test
    void aStatusHasStatsOnlyWhenAskedAndAFileHasAResult() {
        JsonNode plain = json.valueToTree(RequestAnswers.Status.of(running, oneDone, false));
        assertThat(plain.get("stats").isNull()).isTrue();
        assertThat(plain.get("files-remaining").asLong()).isEqualTo(2);
        JsonNode detailed = json.valueToTree(RequestAnswers.Status.of(running, oneDone, true));
        assertThat(detailed.get("stats").get("total-messages").asLong()).isEqualTo(4);
        ResultSummary none = new ResultSummary(0, 0, null, null, null, null, null, null, null, null);
        assertThat(json.valueToTree(RequestAnswers.Status.of(running, none, true)).get("stats").isNull()).isTrue();
    }

    /** The console reads a running request's status fields at the top level, beside its title and errors. */
    @Test
    void theConsolesRunningRequestIsFlat() throws Exception {
        RequestAnswers.Running r = new RequestAnswers.Running(RequestAnswers.Status.of(running, oneDone, false),
                "a title", List.of(new RequestAnswers.FileError("pod-1", "/f.root", 3L, "boom")));
        Map<String, Object> m = json.convertValue(r, new com.fasterxml.jackson.core.type.TypeReference<>() {
        });
        assertThat(m).containsKeys("status", "request-id", "files-processed", "title", "errors");
        assertThat(json.valueToTree(r).get("errors").get(0).toString())
                .isEqualTo("{\"pod-name\":\"pod-1\",\"file\":\"/f.root\",\"events\":3,\"info\":\"boom\"}");
    }
}
