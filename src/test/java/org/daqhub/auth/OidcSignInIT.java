package org.daqhub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.daqhub.support.FreePorts;
import org.daqhub.support.Http;
import org.daqhub.support.HubProcess;
import testoidc.TestOidcProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sign-in through an OpenID Connect provider (Spring Authorization Server, started in the test) with
 * a browser's steps: the hub sends the browser to the provider, the user logs in there, the
 * provider sends the browser back with a code, the hub answers tokens.
 */
class OidcSignInIT {

    private static final String ADMIN = "alice@example.org";
    private static final String USER = "bob@example.org";
    private static HubProcess hub;
    private static Http http;
    private static ConfigurableApplicationContext provider;

    @BeforeAll
    static void start() throws Exception {
        int providerPort = FreePorts.tcp();
        hub = HubProcess.start("oidc", List.of("--daqhub.detector.enabled=false", "--daqhub.auth.enabled=true",
                "--daqhub.auth.admin-email=" + ADMIN,
                "--daqhub.auth.oidc.issuer-uri=http://127.0.0.1:" + providerPort,
                "--daqhub.auth.oidc.client-id=" + TestOidcProvider.CLIENT_ID,
                "--daqhub.auth.oidc.client-secret=" + TestOidcProvider.CLIENT_SECRET));
        http = hub.awaitHealthy(Duration.ofSeconds(60)).http();
        provider = TestOidcProvider.start(providerPort, http.uri("/auth/oidc/callback").toString(), ADMIN, USER);
    }

    @AfterAll
    static void stop() {
        hub.close();
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void theAdminSignsInTheUserWaitsForApprovalThenSignsInToo() throws Exception {
        HttpResponse<String> admin = signIn(ADMIN);
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
        JsonNode tokens = Http.json(admin);
        assertThat(tokens.get("email").asText()).isEqualTo(ADMIN);
        String adminAccess = tokens.get("access_token").asText();
        // the API token works like one from a password login
        HttpResponse<String> refreshed = http.send(HttpRequest.newBuilder(http.uri("/token/refresh"))
                .header("Authorization", "Bearer " + tokens.get("refresh_token").asText())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(refreshed.statusCode()).isEqualTo(200);

        HttpResponse<String> pending = signIn(USER);
        assertThat(pending.statusCode()).as(pending.body()).isEqualTo(403);
        assertThat(Http.json(pending).get("message").asText()).contains("pending approval");
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(http.uri("/pending"))
                .header("Authorization", "Bearer " + adminAccess));
        assertThat(Http.json(list).get("users").findValuesAsText("email")).containsExactly(USER);
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(http.uri("/accept"))
                .header("Authorization", "Bearer " + adminAccess).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"" + USER + "\"}")));
        assertThat(accepted.statusCode()).isEqualTo(200);

        HttpResponse<String> user = signIn(USER);
        assertThat(user.statusCode()).as(user.body()).isEqualTo(200);
        String userAccess = Http.json(user).get("access_token").asText();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(http.uri("/event-stream/"))
                .header("Authorization", "Bearer " + userAccess).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"routing_key\": \"oidc\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
    }

    @Test
    void aForgedStateAProviderErrorAndAMissingCodeAreRefused() {
        HttpResponse<String> forged = http.get("/auth/oidc/callback?code=abc&state=not-ours");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(Http.json(forged).get("message").asText()).contains("not issued by this hub");
        HttpResponse<String> denied = http.get("/auth/oidc/callback?error=access_denied&error_description=no");
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(Http.json(denied).get("error").asText()).contains("access_denied");
        assertThat(http.get("/auth/oidc/callback").statusCode()).isEqualTo(400);
    }

    /** A browser's sign-in: hub, provider's login form, back to the hub; answers the hub's last answer. */
    private static HttpResponse<String> signIn(String email) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(http.uri("/auth/oidc/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        URI location = URI.create(r.headers().firstValue("Location").orElseThrow());
        // follow the provider's redirects (to its login form) until the form is shown
        while (true) {
            r = browser.send(HttpRequest.newBuilder(location).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 302) {
                break;
            }
            location = location.resolve(r.headers().firstValue("Location").orElseThrow());
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(r.body());
        assertThat(csrf.find()).as("the provider's login form").isTrue();
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + TestOidcProvider.PASSWORD + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        r = browser.send(HttpRequest.newBuilder(location.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        // back through the provider's authorize endpoint to the hub's callback
        while (r.statusCode() == 302) {
            location = location.resolve(r.headers().firstValue("Location").orElseThrow());
            r = browser.send(HttpRequest.newBuilder(location).build(), HttpResponse.BodyHandlers.ofString());
        }
        assertThat(location.getPath()).as("ended at the hub's callback").isEqualTo("/auth/oidc/callback");
        return r;
    }
}
