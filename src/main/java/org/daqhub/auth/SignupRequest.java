package org.daqhub.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /signup}: a new account (ServiceX's fields). The address's form and the password's
 * length depend on the configuration and are checked by {@link AuthService}; the optional texts are
 * absent or non-empty, at most 255 characters.
 */
@Schema(description = "A new account; it waits for an admin's approval unless it is the configured admin's")
public record SignupRequest(@NotBlank String email, @NotBlank String password,
        @Pattern(regexp = TEXT, message = NON_EMPTY) @Size(max = MAX, message = AT_MOST) String name,
        @Pattern(regexp = TEXT, message = NON_EMPTY) @Size(max = MAX, message = AT_MOST) String institution,
        @Pattern(regexp = TEXT, message = NON_EMPTY) @Size(max = MAX, message = AT_MOST) String experiment) {

    static final String TEXT = "(?s).*\\S.*";
    static final String NON_EMPTY = "must be a non-empty string";
    static final int MAX = 255;
    static final String AT_MOST = "must be at most 255 characters";
}
