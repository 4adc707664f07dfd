package org.daqhub.auth;

import java.time.Instant;

/** One row of {@code users}. {@code refreshToken} is the id (jti) of the user's one valid API token. */
public record User(long id, String sub, String email, String name, String institution, String experiment,
        String passwordHash, boolean admin, boolean pending, String refreshToken, Instant createdAt) {
}
