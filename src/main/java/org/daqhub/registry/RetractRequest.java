package org.daqhub.registry;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** {@code POST /retract}: connections to take back from a partition. */
@Schema(description = "Connections to retract from a partition")
public record RetractRequest(@NotNull String partition,
        @NotNull(message = "is missing (a list of {connection_id, data_type})")
        List<@NotNull(message = "is not an object") @Valid Item> connections) {

    @Schema(name = "RetractedConnection")
    public record Item(@NotNull @JsonProperty("connection_id") String connectionId,
            @JsonProperty("data_type") String dataType) {
    }
}
