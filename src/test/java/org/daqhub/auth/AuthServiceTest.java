package org.daqhub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.web.HubException;
import org.daqhub.web.JsonBodies;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Logins without Spring: what they check, whatever the account. */
class AuthServiceTest {

    private final UserStore users = mock(UserStore.class);
    private final BCryptPasswordEncoder passwords = spy(new BCryptPasswordEncoder(4));
    private final AuthService auth = new AuthService(
            new AuthProperties(true, "", "", null, null, List.of(), "", null, null, 3, 100, Duration.ofMinutes(1), null),
            users, new Tokens(new byte[48], Duration.ofMinutes(1), Duration.ofDays(1), Clock.systemUTC()), passwords,
            new Notifications("", null, "x@y", new ObjectMapper()), new JsonBodies(new ObjectMapper()),
            new AttemptLimits(3, 100, Duration.ofMinutes(1)));

    @Test
    void anUnknownAccountCostsTheSamePasswordCheckAsAKnownOne() {
        when(users.byEmail("nobody@example.org")).thenReturn(Optional.empty());
        when(users.byEmail("bob@example.org")).thenReturn(Optional.of(user("bob@example.org", "right-pass")));

        assertThatThrownBy(() -> auth.login("{\"email\": \"nobody@example.org\", \"password\": \"guess-1\"}", "10.0.0.1"))
                .isInstanceOf(HubException.class).hasMessageContaining("wrong e-mail or password");
        verify(passwords, times(1)).matches(eq("guess-1"), anyString());

        assertThatThrownBy(() -> auth.login("{\"email\": \"bob@example.org\", \"password\": \"guess-2\"}", "10.0.0.1"))
                .hasMessageContaining("wrong e-mail or password");
        verify(passwords, times(1)).matches(eq("guess-2"), anyString());
    }

    @Test
    void attemptsPastTheLimitOfAnAccountAre429WithRetryAfter() {
        when(users.byEmail("carol@example.org")).thenReturn(Optional.of(user("carol@example.org", "right-pass")));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> auth.login("{\"email\": \"carol@example.org\", \"password\": \"nope\"}", "10.0.0.2"))
                    .hasMessageContaining("wrong e-mail or password");
        }
        HubException limited = (HubException) org.assertj.core.api.Assertions.catchThrowable(
                () -> auth.login("{\"email\": \"carol@example.org\", \"password\": \"right-pass\"}", "10.0.0.3"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.getMessage()).contains("too many login attempts for carol@example.org");
        assertThat(Long.parseLong(limited.headers().get("Retry-After"))).isBetween(1L, 60L);
        verify(passwords, times(0)).matches(eq("right-pass"), anyString());
    }

    private User user(String email, String password) {
        return new User(7, "local:" + email, email, null, null, null, new BCryptPasswordEncoder(4).encode(password),
                false, false, null, null);
    }
}
