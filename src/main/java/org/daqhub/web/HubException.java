package org.daqhub.web;

import java.util.Map;

/**
 * A failure the client caused or can act on. Routes and beans throw it; the hub's error handling
 * turns it into {@code {"error": message, "status": status, "path": ...}} with that HTTP status.
 */
public class HubException extends RuntimeException {

    private final int status;
    private final Map<String, Object> details;

    public HubException(int status, String message) {
        this(status, message, Map.of());
    }

    /** @param details extra fields of the error body, after error, status and path (e.g. a request_id) */
    public HubException(int status, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.details = details;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static HubException badRequest(String message) {
        return new HubException(400, message);
    }

    public static HubException notFound(String message) {
        return new HubException(404, message);
    }
}
