package org.daqhub.events;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The event streams' answers as Squonk2's clients read them (its wire names), and as
 * {@code /openapi.json} describes them (the verbs' {@code outType}).
 */
public final class EventStreamAnswers {

    private EventStreamAnswers() {
    }

    /** {@code POST /event-stream/}: 201, the stream's id and the WebSocket URL to read it. */
    @Schema(name = "EventStreamCreated")
    public record Created(long id, String location) {
    }

    /** {@code GET /event-stream/}. */
    @Schema(name = "EventStreams")
    public record Streams(@JsonProperty("event_streams") List<Summary> eventStreams) {
    }

    @Schema(name = "EventStream", description = "A stream, its WebSocket URL and the routing key it is bound to")
    public record Summary(long id, String location, @JsonProperty("routing_key") String routingKey) {
    }

    /** {@code GET /event-stream/version/}: Squonk 1.x reads {@code category}, 2.x {@code protocol}. */
    @Schema(name = "EventStreamVersion")
    public record Version(String category, String protocol, String name, String version) {
    }
}
