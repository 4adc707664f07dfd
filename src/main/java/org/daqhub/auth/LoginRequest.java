package org.daqhub.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

/** {@code POST /login}: an account's e-mail and password, for a new API token. */
@Schema(description = "Sign in with e-mail and password")
public record LoginRequest(@NotBlank String email, @NotBlank String password) {
}
