package org.daqhub.auth;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The user endpoints' answers as ServiceX's clients read them (its wire names), and as
 * {@code /openapi.json} describes them (the verbs' {@code outType}).
 */
public final class AuthAnswers {

    private AuthAnswers() {
    }

    /** {@code POST /signup}: 201; pending until an admin accepts, unless it is the configured admin. */
    @Schema(name = "SignedUp")
    public record SignedUp(String message, long id, boolean admin, boolean pending) {
    }

    /**
     * {@code POST /login} and the OpenID Connect callback (which also names the account's e-mail):
     * the API (refresh) token and an access token. {@code POST /token/refresh}: the access token only.
     */
    @Schema(name = "TokenAnswer", description = "refresh_token (the API token) and access_token; email after an OIDC sign-in")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenAnswer(String email, @JsonProperty("refresh_token") String refreshToken,
            @JsonProperty("access_token") String accessToken) {
    }

    /** {@code GET /users} and {@code GET /pending}. */
    @Schema(name = "Users")
    public record Users(List<UserView> users) {
    }

    /** A user as an admin sees it; {@code pending} only in {@code /users} (every user in {@code /pending} is). */
    @Schema(name = "UserView")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UserView(String email, long id, boolean admin, Boolean pending) {
    }

    /** What an admin action did: ServiceX's {@code message}. */
    @Schema(name = "Message")
    public record Message(String message) {
    }
}
