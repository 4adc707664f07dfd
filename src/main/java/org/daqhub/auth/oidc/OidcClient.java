package org.daqhub.auth.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * The authorization-code flow against one OpenID Connect provider: its metadata from discovery
 * (read once, on first use), the URL to send a browser to, and the code exchanged for an ID token
 * whose signature (the provider's published keys), issuer, audience, expiry and nonce are checked.
 */
public class OidcClient {

    /** What the provider says about itself. */
    record Metadata(String issuer, URI authorization, URI token, URL jwks) {
    }

    private final OidcProperties properties;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Metadata metadata;
    private DefaultJWTProcessor<SecurityContext> idTokens;

    public OidcClient(OidcProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    synchronized Metadata metadata() throws IOException {
        if (metadata == null) {
            String issuer = properties.issuerUri().replaceAll("/+$", "");
            JsonNode m = get(URI.create(issuer + "/.well-known/openid-configuration"));
            if (!issuer.equals(m.path("issuer").asText().replaceAll("/+$", ""))) {
                throw new IOException("the provider at " + issuer + " calls itself " + m.path("issuer").asText());
            }
            metadata = new Metadata(m.path("issuer").asText(), URI.create(m.path("authorization_endpoint").asText()),
                    URI.create(m.path("token_endpoint").asText()), URI.create(m.path("jwks_uri").asText()).toURL());
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(metadata.jwks()).retrying(true).build();
            idTokens = new DefaultJWTProcessor<>();
            idTokens.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
                    JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.PS256), keys));
        }
        return metadata;
    }

    /** Where to send the browser: the provider's authorization endpoint with this sign-in's state and nonce. */
    public URI authorizationUrl(String state, String nonce, String redirectUri) throws IOException {
        return URI.create(metadata().authorization() + (metadata().authorization().getQuery() == null ? "?" : "&")
                + "response_type=code&client_id=" + enc(properties.clientId()) + "&scope=" + enc(properties.scopes())
                + "&redirect_uri=" + enc(redirectUri) + "&state=" + enc(state) + "&nonce=" + enc(nonce));
    }

    /** Exchanges the code for tokens and answers the verified ID token's claims. */
    public JWTClaimsSet exchange(String code, String redirectUri, String nonce) throws IOException {
        Metadata m = metadata();
        String basic = Base64.getEncoder().encodeToString((enc(properties.clientId()) + ":"
                + enc(properties.clientSecret())).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = send(HttpRequest.newBuilder(m.token()).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + enc(code)
                        + "&redirect_uri=" + enc(redirectUri))).build());
        JsonNode tokens = json.readTree(answer.body());
        if (answer.statusCode() != 200) {
            throw new IOException("the provider refused the code (" + answer.statusCode() + "): "
                    + tokens.path("error").asText(answer.body()));
        }
        String idToken = tokens.path("id_token").asText(null);
        if (idToken == null) {
            throw new IOException("the provider answered no id_token (is the scope openid asked for?)");
        }
        idTokens.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(properties.clientId(),
                new JWTClaimsSet.Builder().issuer(m.issuer()).claim("nonce", nonce).build(), Set.of("sub", "iat", "exp")));
        try {
            return idTokens.process(idToken, null);
        } catch (Exception e) {
            throw new IOException("the ID token is not valid: " + e.getMessage(), e);
        }
    }

    private JsonNode get(URI uri) throws IOException {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json").build());
        if (answer.statusCode() != 200) {
            throw new IOException(uri + " answered " + answer.statusCode());
        }
        return json.readTree(answer.body());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
