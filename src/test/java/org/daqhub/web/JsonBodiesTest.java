package org.daqhub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    record Order(@NotNull String partition, @NotNull List<@Valid Line> lines) {
    }

    record Named(@NotBlank String name, @Size(max = 3, message = "must be at most 3 characters") String tag) {
    }

    record Line(@NotNull @JsonProperty("data_type") String dataType, @NotNull @JsonProperty("count") Long count) {
    }

    private final JsonBodies bodies = new JsonBodies(new ObjectMapper());

    @Test
    void aGoodBodyIsBoundToTheRecordByItsWireNames() {
        Order order = bodies.read("{\"partition\":\"p\",\"lines\":[{\"data_type\":\"T\",\"count\":3}],\"extra\":1}",
                Order.class, JsonBodies.Style.PLAIN);
        assertThat(order.lines()).containsExactly(new Line("T", 3L));
    }

    @Test
    void eachProblemIsNamedByItsWirePath() {
        assertProblem("{\"lines\":[]}", "partition is missing");
        assertProblem("{\"partition\":\"p\",\"lines\":[{\"count\":1}]}", "lines[0].data_type is missing");
        assertProblem("{\"partition\":5,\"lines\":[]}", "partition must be a string");
        assertProblem("{\"partition\":\"p\",\"lines\":{}}", "lines must be a list");
        assertProblem("{\"partition\":\"p\",\"lines\":[7]}", "lines[0] is not an object");
        assertProblem("{\"partition\":\"p\",\"lines\":[{\"data_type\":\"T\",\"count\":1.5}]}",
                "lines[0].count must be an integer");
        assertProblem("{\"partition\":\"p\",\"lines\":[{\"data_type\":\"T\",\"count\":\"2\"}]}",
                "lines[0].count must be an integer");
        assertProblem("[1]", "the body must be a JSON object");
        assertProblem("", "empty body");
        assertProblem("{\"partition\": ", "malformed JSON");
    }

    @Test
    void aRequiredTextIsMissingWhenAbsentAndNonEmptyOtherwise() {
        assertNamed("{}", "name is missing");
        assertNamed("{\"name\": \" \"}", "name must be a non-empty string");
        assertNamed("{\"name\": 7}", "name must be a non-empty string");
        assertNamed("{\"name\": \"n\", \"tag\": \"long\"}", "tag must be at most 3 characters");
    }

    @Test
    void aStyleMayGiveTheMessageUnderTheOriginalsOwnFieldToo() {
        assertThatThrownBy(() -> bodies.read("{}", Named.class, new JsonBodies.Style(Problem.UNPROCESSABLE, false, "detail")))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.details()).containsEntry("detail", "name is missing");
                });
    }

    @Test
    void aCapabilityChoosesItsStatusAndQuotesNames() {
        assertThatThrownBy(() -> bodies.read("{}", Order.class, new JsonBodies.Style(Problem.UNPROCESSABLE, true)))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).isIn("'lines' is missing", "'partition' is missing");
                });
    }

    private void assertNamed(String body, String message) {
        assertThatThrownBy(() -> bodies.read(body, Named.class, JsonBodies.Style.PLAIN))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.getMessage()).isEqualTo(message));
    }

    private void assertProblem(String body, String message) {
        assertThatThrownBy(() -> bodies.read(body, Order.class, JsonBodies.Style.PLAIN))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith(message);
                });
    }
}
