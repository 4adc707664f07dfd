package org.daqhub.auth;

import java.util.Map;

import org.daqhub.web.HubException;

/** The hub's JSON errors for users and tokens, with ServiceX's {@code message} key beside {@code error}. */
final class AuthErrors {

    private AuthErrors() {
    }

    static HubException unauthorized(String reason) {
        return error(401, "Authentication Failed: " + reason);
    }

    static HubException forbidden(String reason) {
        return error(403, reason);
    }

    static HubException error(int status, String text) {
        return new HubException(status, text, Map.of("message", text));
    }
}
