package org.daqhub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class TokensTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final User ALICE = new User(7, "local:alice@example.org", "alice@example.org", "Alice", null, null,
            "hash", false, false, "r-1", Instant.EPOCH);

    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");
    private final Tokens tokens = tokens(now);

    private static Tokens tokens(Instant at) {
        return new Tokens(SECRET, Duration.ofMinutes(15), Duration.ofDays(365), Clock.fixed(at, ZoneOffset.UTC));
    }

    @Test
    void anAccessTokenCarriesItsUserAndTheApiTokenItCameFrom() throws Exception {
        Tokens.Token t = tokens.verify(tokens.access(ALICE, "r-1"), Tokens.ACCESS);
        assertThat(t.userId()).isEqualTo(7);
        assertThat(t.refreshId()).isEqualTo("r-1");
        assertThat(t.expires()).isEqualTo(now.plus(Duration.ofMinutes(15)));
        Tokens.Token r = tokens.verify(tokens.refresh(ALICE, "r-1"), Tokens.REFRESH);
        assertThat(r.jti()).isEqualTo("r-1");
    }

    @Test
    void expiredForgedMalformedAndMistypedTokensAreRefusedWithTheReason() {
        String access = tokens.access(ALICE, "r-1");
        assertRefused(tokens(now.plus(Duration.ofMinutes(16))), access, Tokens.ACCESS, "expired");
        Tokens other = new Tokens("another key of 32 bytes or more!!".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(15), Duration.ofDays(1), Clock.fixed(now, ZoneOffset.UTC));
        assertRefused(other, access, Tokens.ACCESS, "signature is not valid");
        assertRefused(tokens, "not.a.jwt", Tokens.ACCESS, "not a JWT");
        assertRefused(tokens, access, Tokens.REFRESH, "refresh (API) token is needed");
        assertRefused(tokens, tokens.refresh(ALICE, "r-1"), Tokens.ACCESS, "access token is needed");
        // the same claims, unsigned ("alg": "none"), as a forger would send them
        String[] parts = access.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(
                StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        assertRefused(tokens, none, Tokens.ACCESS, "");
        // a changed payload under the original signature
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"sub\":\"7\"",
                        "\"sub\":\"1\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertRefused(tokens, tampered, Tokens.ACCESS, "signature is not valid");
    }

    @Test
    void aShortKeyIsRefusedAtStart() {
        assertThatThrownBy(() -> new Tokens("short".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1),
                Duration.ofDays(1), Clock.systemUTC())).hasMessageContaining("at least 32 bytes");
    }

    private static void assertRefused(Tokens tokens, String token, String type, String reason) {
        assertThatThrownBy(() -> tokens.verify(token, type)).isInstanceOf(Tokens.Refused.class)
                .hasMessageContaining(reason);
    }
}
