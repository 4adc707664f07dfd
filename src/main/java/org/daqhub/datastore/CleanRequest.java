package org.daqhub.datastore;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** {@code POST /cleanbuf}: archive the batch and take documents again. */
@Schema(description = "Archive the batch into a new folder and unfreeze")
public record CleanRequest(@NotNull String msg) {
}
