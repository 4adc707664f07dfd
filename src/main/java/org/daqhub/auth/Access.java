package org.daqhub.auth;

/** Who may call a REST verb when auth is on: anyone, an accepted user, or an admin. */
public enum Access {
    OPEN, USER, ADMIN;

    /** Lower case, as declared in the routes and shown in /hub/info. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
