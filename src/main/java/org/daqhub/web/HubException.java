package org.daqhub.web;

/**
 * A failure the client caused or can act on. Routes and beans throw it; the hub's error handling
 * turns it into {@code {"error": message, "status": status, "path": ...}} with that HTTP status.
 */
public class HubException extends RuntimeException {

    private final int status;

    public HubException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static HubException badRequest(String message) {
        return new HubException(400, message);
    }

    public static HubException notFound(String message) {
        return new HubException(404, message);
    }
}
