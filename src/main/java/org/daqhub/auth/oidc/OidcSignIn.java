package org.daqhub.auth.oidc;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import org.daqhub.auth.AuthAnswers;
import org.daqhub.auth.AuthService;
import org.daqhub.auth.Tokens;
import org.daqhub.web.HubException;
import org.daqhub.web.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in through the configured OpenID Connect provider (bean {@code oidcSignIn}):
 * {@code GET /auth/oidc/login} sends the browser to the provider; the provider sends it back to
 * {@code GET /auth/oidc/callback} with a code, which becomes the user's API and access tokens
 * (or a pending sign-up an admin must accept).
 */
public class OidcSignIn {

    private static final Logger LOG = LoggerFactory.getLogger(OidcSignIn.class);
    private static final Duration STATE_TTL = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OidcProperties properties;
    private final OidcClient client;
    private final Tokens tokens;
    private final AuthService auth;
    private final String callbackPath;

    /** @param basePath daqhub.auth.base-path, which the callback's path starts with */
    public OidcSignIn(OidcProperties properties, OidcClient client, Tokens tokens, AuthService auth, String basePath) {
        this.properties = properties;
        this.client = client;
        this.tokens = tokens;
        this.auth = auth;
        this.callbackPath = basePath + "/auth/oidc/callback";
    }

    /** The provider's sign-in URL for this browser (the route answers 302 to it). */
    public String start(String host) {
        configured();
        String redirect = properties.redirectUri().isBlank() ? "http://" + host + callbackPath
                : properties.redirectUri();
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        String n = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        try {
            URI url = client.authorizationUrl(tokens.signInState(n, redirect, STATE_TTL), n, redirect);
            return url.toString();
        } catch (IOException e) {
            throw provider(e);
        }
    }

    /** The provider's redirect back: tokens for an accepted user; 403 for a pending one; 401 for a failed sign-in. */
    public AuthAnswers.TokenAnswer callback(String code, String state, String error, String errorDescription) {
        configured();
        if (error != null) {
            throw error(Problem.NOT_AUTHENTICATED, "Authentication Failed: the provider said " + error
                    + (errorDescription == null ? "" : " (" + errorDescription + ")"));
        }
        if (code == null || state == null) {
            throw error(Problem.BAD_INPUT, "code and state are missing: this is where the provider sends the browser back");
        }
        String[] nonceAndRedirect;
        try {
            nonceAndRedirect = tokens.verifySignInState(state);
        } catch (Tokens.Refused e) {
            throw error(Problem.NOT_AUTHENTICATED, "Authentication Failed: " + e.getMessage());
        }
        JWTClaimsSet id;
        try {
            id = client.exchange(code, nonceAndRedirect[1], nonceAndRedirect[0]);
        } catch (IOException e) {
            LOG.warn("OpenID Connect sign-in failed: {}", e.getMessage());
            throw error(Problem.NOT_AUTHENTICATED, "Authentication Failed: " + e.getMessage());
        }
        try {
            Boolean verified = id.getBooleanClaim("email_verified");
            return auth.signInExternal(id.getIssuer(), id.getSubject(), id.getStringClaim("email"),
                    verified != null && verified, id.getStringClaim("name"));
        } catch (ParseException e) {
            throw error(Problem.NOT_AUTHENTICATED, "Authentication Failed: the ID token's claims are malformed: " + e.getMessage());
        }
    }

    private void configured() {
        if (!properties.configured()) {
            throw error(Problem.NOT_FOUND, "no OpenID Connect provider is configured (daqhub.auth.oidc.issuer-uri)");
        }
    }

    private static HubException provider(IOException e) {
        LOG.warn("OpenID Connect provider not usable: {}", e.getMessage());
        return error(Problem.UNAVAILABLE, "the OpenID Connect provider cannot be reached: " + e.getMessage());
    }

    private static HubException error(Problem problem, String text) {
        return new HubException(problem, text, Map.of("message", text));
    }
}
