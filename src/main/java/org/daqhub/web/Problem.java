package org.daqhub.web;

/**
 * What went wrong, as the capabilities say it; the hub's error handling answers each with its HTTP
 * status. Services name the problem and never an HTTP status (ArchitectureTest): the mapping lives
 * here, once.
 */
public enum Problem {
    /** The request is malformed or names something wrongly (400). */
    BAD_INPUT(400),
    /** No valid credentials (401). */
    NOT_AUTHENTICATED(401),
    /** Signed in, but not allowed (403). */
    FORBIDDEN(403),
    NOT_FOUND(404),
    /** The request clashes with the current state: exists already, has ended, is a replica (409). */
    CONFLICT(409),
    /** The body is over a configured limit (413). */
    TOO_LARGE(413),
    /** Well-formed, but the content is wrong: the answer FastAPI services (Squonk2, GlitchflowAPI) give (422). */
    UNPROCESSABLE(422),
    /** Too many attempts; try again later (429). */
    TOO_MANY_ATTEMPTS(429),
    /** A service the hub needs (broker, database, disk) cannot do it now; nothing was changed (503). */
    UNAVAILABLE(503),
    /** Waited as long as configured for something that did not happen (504). */
    TIMED_OUT(504),
    /** The disk is full; nothing was stored (507). */
    NO_SPACE(507);

    private final int status;

    Problem(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
