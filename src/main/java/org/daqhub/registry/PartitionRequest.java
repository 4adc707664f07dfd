package org.daqhub.registry;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** {@code POST /retract-partition} as JSON (drunc); the seed's clients send the form field instead. */
@Schema(description = "The partition to retract")
public record PartitionRequest(@NotNull String partition) {
}
