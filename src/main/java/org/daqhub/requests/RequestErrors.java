package org.daqhub.requests;

import java.util.Map;

import org.daqhub.web.HubException;

/**
 * The hub's JSON errors for the ServiceX API, with the text also under {@code message}: ServiceX's
 * clients (servicex-frontend, curl scripts) read that key.
 */
final class RequestErrors {

    private RequestErrors() {
    }

    static HubException badRequest(String text) {
        return error(400, text);
    }

    static HubException notFound(String text) {
        return error(404, text);
    }

    static HubException conflict(String text) {
        return error(409, text);
    }

    static HubException error(int status, String text) {
        return new HubException(status, text, Map.of("message", text));
    }
}
