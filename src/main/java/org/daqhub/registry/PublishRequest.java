package org.daqhub.registry;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** {@code POST /publish}: the connections an application offers in a partition. */
@Schema(description = "Connections to publish in a partition")
public record PublishRequest(@NotNull String partition,
        @NotNull(message = "is missing (a list of {uid, uri, data_type, connection_type[, capacity]})")
        List<Item> connections) {

    /**
     * One connection. Items without {@code uid} or {@code uri} are skipped, as the original service
     * does; the others are checked whole before anything is stored.
     */
    @Schema(name = "PublishedConnection", description = "A connection as published and as a lookup answers it")
    public record Item(String uid, String uri, @NotNull @JsonProperty("data_type") String dataType,
            @NotNull @JsonProperty("connection_type") Long connectionType, Long capacity) {

        boolean skipped() {
            return uid == null || uri == null;
        }
    }
}
