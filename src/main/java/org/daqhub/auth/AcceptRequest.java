package org.daqhub.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

/** {@code POST /accept}: the pending account an admin approves. */
@Schema(description = "The e-mail of the pending account to accept")
public record AcceptRequest(@NotBlank String email) {
}
