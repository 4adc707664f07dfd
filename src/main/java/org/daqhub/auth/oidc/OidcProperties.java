package org.daqhub.auth.oidc;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * An external OpenID Connect provider to sign in with ({@code daqhub.auth.oidc.*}): Keycloak,
 * CILogon, Globus or any standard provider. Off while {@code issuerUri} is empty.
 *
 * @param issuerUri    the provider's issuer; its {@code /.well-known/openid-configuration} is read
 * @param clientId     the hub's client id at the provider
 * @param clientSecret its secret (client_secret_basic)
 * @param scopes       asked for at sign-in
 * @param redirectUri  the hub's callback as registered at the provider; default
 *                     {@code http://<Host header>/auth/oidc/callback} (set it behind a TLS route)
 */
@ConfigurationProperties("daqhub.auth.oidc")
public record OidcProperties(String issuerUri, String clientId, String clientSecret, String scopes,
        String redirectUri) {

    public OidcProperties {
        issuerUri = issuerUri == null ? "" : issuerUri;
        clientId = clientId == null ? "" : clientId;
        clientSecret = clientSecret == null ? "" : clientSecret;
        scopes = scopes == null || scopes.isBlank() ? "openid email profile" : scopes;
        redirectUri = redirectUri == null ? "" : redirectUri;
    }

    public boolean configured() {
        return !issuerUri.isBlank();
    }
}
