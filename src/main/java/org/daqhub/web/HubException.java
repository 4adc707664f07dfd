package org.daqhub.web;

import java.util.Map;

/**
 * A failure the client caused or can act on. Routes and beans throw it with a {@link Problem}; the
 * hub's error handling turns it into {@code {"error": message, "status": status, "path": ...}} with
 * the problem's HTTP status. The constructors that take a status are for the web layer's own
 * answers (framework errors), not for capabilities (ArchitectureTest).
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

    /** The way capabilities fail: the problem, and the message naming it. */
    public HubException(Problem problem, String message) {
        this(problem.status(), message);
    }

    /** @param details extra fields of the error body, after error, status and path (e.g. a request_id) */
    public HubException(Problem problem, String message, Map<String, Object> details) {
        this(problem.status(), message, details);
    }

    /** 429 with Retry-After: the client may try again after {@code retryAfter}. */
    public static HubException tooManyRequests(String message, java.time.Duration retryAfter) {
        return new HubException(Problem.TOO_MANY_ATTEMPTS.status(), message, Map.of(),
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
        return new HubException(Problem.BAD_INPUT, message);
    }

    public static HubException notFound(String message) {
        return new HubException(Problem.NOT_FOUND, message);
    }
}
