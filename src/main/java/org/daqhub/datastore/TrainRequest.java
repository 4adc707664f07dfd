package org.daqhub.datastore;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** {@code POST /train}: who freezes the batch for training. */
@Schema(description = "Freeze the batch for training, once it holds max-size bytes")
public record TrainRequest(@NotNull String user, @NotNull String token) {
}
