package org.daqhub.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /event-stream/}: the routing key whose messages the new stream carries. */
@Schema(description = "A new event stream for the hub events (or broker messages) with this routing key")
public record CreateStreamRequest(
        @NotBlank @Size(max = 255, message = "is longer than 255 characters") @JsonProperty("routing_key")
        String routingKey) {
}
