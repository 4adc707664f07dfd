package org.daqhub.web;

import java.util.Map;

/**
 * A failure the client caused or can act on. Routes and beans throw it; the hub's error handling
 * turns it into {@code {"error": message, "status": status, "path": ...}} with that HTTP status.
 */
public class HubException extends RuntimeException {

    private final int status;
    private final Map<String, Object> details;
    private final Map<String, String> headers;

    public HubException(int status, String message) {
        this(status, message, Map.of());
    }

    /** @param details extra fields of the error body, after error, status and path (e.g. a request_id) */
    public HubException(int status, String message, Map<String, Object> details) {
        this(status, message, details, Map.of());
    }

    /** @param headers response headers that go with the error (e.g. Retry-After) */
    public HubException(int status, String message, Map<String, Object> details, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.details = details;
        this.headers = headers;
    }

    /** 429 with Retry-After: the client may try again after {@code retryAfter}. */
    public static HubException tooManyRequests(String message, java.time.Duration retryAfter) {
        return new HubException(429, message, Map.of(),
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds()))));
    }

    public Map<String, String> headers() {
        return headers;
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
