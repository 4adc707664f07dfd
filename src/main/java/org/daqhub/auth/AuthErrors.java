package org.daqhub.auth;

import java.util.Map;

import org.daqhub.web.HubException;
import org.daqhub.web.Problem;

/** The hub's JSON errors for users and tokens, with ServiceX's {@code message} key beside {@code error}. */
final class AuthErrors {

    private AuthErrors() {
    }

    static HubException unauthorized(String reason) {
        return error(Problem.NOT_AUTHENTICATED, "Authentication Failed: " + reason);
    }

    static HubException forbidden(String reason) {
        return error(Problem.FORBIDDEN, reason);
    }

    static HubException error(Problem problem, String text) {
        return new HubException(problem, text, Map.of("message", text));
    }
}
