package org.daqhub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.daqhub.support.Http;
import org.daqhub.support.ServicesTestSupport;
import org.junit.jupiter.api.Test;

/** Accounts and tokens kept in PostgreSQL (services profile): sign-up, approval, login, refresh. */
class UsersServicesIT extends ServicesTestSupport {

    @Test
    void accountsAndTokensWorkOnPostgres() {
        String email = "carol-" + SCHEMA + "@example.org";
        HttpResponse<String> signup = http().postJson("/signup", "{\"email\": \"" + email
                + "\", \"password\": \"carol-pass-1\", \"institution\": \"PSI\"}");
        assertThat(signup.statusCode()).as(signup.body()).isEqualTo(201);
        assertThat(Http.json(signup).get("pending").asBoolean()).isTrue();
        assertThat(http().postJson("/login", "{\"email\": \"" + email + "\", \"password\": \"carol-pass-1\"}")
                .statusCode()).isEqualTo(403);
        assertThat(Http.json(http().get("/pending")).get("users").findValuesAsText("email")).contains(email);

        // auth is off in this profile's tests: the admin endpoints are open, as in ServiceX
        assertThat(http().postJson("/accept", "{\"email\": \"" + email.toUpperCase() + "\"}").statusCode())
                .as("e-mail addresses match whatever their case").isEqualTo(200);
        JsonNode tokens = Http.json(http().postJson("/login", "{\"email\": \"" + email + "\", \"password\": \"carol-pass-1\"}"));
        HttpResponse<String> refreshed = http().send(HttpRequest.newBuilder(http().uri("/token/refresh"))
                .header("Authorization", "Bearer " + tokens.get("refresh_token").asText())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(Http.json(refreshed).get("access_token").asText()).isNotBlank();
        assertThat(http().postJson("/signup", "{\"email\": \"" + email + "\", \"password\": \"other-pass-1\"}")
                .statusCode()).isEqualTo(409);
    }
}
