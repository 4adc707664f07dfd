package org.daqhub.auth;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users, tokens and which endpoints need them ({@code daqhub.auth.*}).
 *
 * @param enabled           off: every endpoint is open, as ServiceX with ENABLE_AUTH off
 * @param adminEmail        the first user signing up with this e-mail is admin at once (JWT_ADMIN)
 * @param jwtSecret         HMAC key of the tokens, at least 32 bytes (JWT_SECRET_KEY); empty: one is
 *                          generated and kept in {@code <data-dir>/auth/jwt-secret} (set it for replicas)
 * @param accessTokenTtl    life of an access token
 * @param refreshTokenTtl   life of an API (refresh) token
 * @param openCapabilities  capabilities whose write endpoints stay open with auth on: any of
 *                          registry, detector, writer, datastore, event-streams, requests
 * @param signupWebhookUrl  a Slack-compatible webhook told of every sign-up (SIGNUP_WEBHOOK_URL)
 * @param mailFrom          sender of the approval e-mail (sent when spring.mail.host is set)
 * @param minPasswordLength shorter passwords are refused at sign-up
 * @param attemptsPerAccount login or sign-up attempts one account may make per {@code attemptsWindow}
 * @param attemptsPerAddress login or sign-up attempts one client address may make per {@code attemptsWindow}
 * @param attemptsWindow     the window of both limits (attempts refill evenly over it)
 * @param basePath           paths of the users API start with this ("": the root, as ServiceX's)
 */
@ConfigurationProperties("daqhub.auth")
public record AuthProperties(Boolean enabled, String adminEmail, String jwtSecret, Duration accessTokenTtl,
        Duration refreshTokenTtl, List<String> openCapabilities, String signupWebhookUrl, String mailFrom,
        Integer minPasswordLength, Integer attemptsPerAccount, Integer attemptsPerAddress, Duration attemptsWindow,
        String basePath) {

    public AuthProperties {
        enabled = enabled != null && enabled;
        adminEmail = adminEmail == null ? "" : adminEmail.trim();
        jwtSecret = jwtSecret == null ? "" : jwtSecret;
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(365) : refreshTokenTtl;
        openCapabilities = openCapabilities == null ? List.of() : List.copyOf(openCapabilities);
        signupWebhookUrl = signupWebhookUrl == null ? "" : signupWebhookUrl;
        mailFrom = mailFrom == null ? "daq-hub@localhost" : mailFrom;
        minPasswordLength = minPasswordLength == null ? 8 : minPasswordLength;
        attemptsPerAccount = attemptsPerAccount == null ? 10 : attemptsPerAccount;
        attemptsPerAddress = attemptsPerAddress == null ? 30 : attemptsPerAddress;
        attemptsWindow = attemptsWindow == null ? Duration.ofMinutes(1) : attemptsWindow;
        basePath = basePath == null ? "" : basePath;
    }
}
