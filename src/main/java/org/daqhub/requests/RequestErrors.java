package org.daqhub.requests;

import java.util.Map;

import org.daqhub.web.HubException;
import org.daqhub.web.Problem;

/**
 * The hub's JSON errors for the ServiceX API, with the text also under {@code message}: ServiceX's
 * clients (servicex-frontend, curl scripts) read that key.
 */
final class RequestErrors {

    private RequestErrors() {
    }

    static HubException badRequest(String text) {
        return error(Problem.BAD_INPUT, text);
    }

    static HubException notFound(String text) {
        return error(Problem.NOT_FOUND, text);
    }

    static HubException conflict(String text) {
        return error(Problem.CONFLICT, text);
    }

    static HubException error(Problem problem, String text) {
        return new HubException(problem, text, Map.of("message", text));
    }
}
