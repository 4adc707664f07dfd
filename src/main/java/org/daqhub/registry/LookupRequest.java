package org.daqhub.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** {@code GET or POST /getconnection/{partition}}: which connections to find. */
@Schema(description = "Connections whose uid matches the regular expression (RE2) and whose data type is this")
public record LookupRequest(@NotNull @JsonProperty("uid_regex") String uidRegex,
        @NotNull @JsonProperty("data_type") String dataType) {
}
