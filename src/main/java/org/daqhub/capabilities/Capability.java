package org.daqhub.capabilities;

import java.util.Locale;
import java.util.Optional;

/**
 * What one hub instance can do, turned on or off with {@code daqhub.capabilities} so one image
 * serves every role: a stateless tier (registry, event streams, requests, users, datastore) and
 * detector nodes (detector, writer). Each capability owns the routes file named after it
 * ({@code routes/<id>.yaml}) and the Spring configuration marked
 * {@link ConditionalOnCapability} with it.
 */
public enum Capability {
    REGISTRY("registry"),
    DETECTOR("detector"),
    WRITER("writer"),
    EVENT_STREAMS("event-streams"),
    REQUESTS("requests"),
    USERS("users"),
    DATASTORE("datastore");

    private final String id;

    Capability(String id) {
        this.id = id;
    }

    /** The name in {@code daqhub.capabilities}, {@code /hub/info} and error answers. */
    public String id() {
        return id;
    }

    /** The routes file of this capability. */
    public String routeFile() {
        return id + ".yaml";
    }

    /** The capability whose routes file this is, if any (other files are the operator's own). */
    public static Optional<Capability> ofRouteFile(String fileName) {
        for (Capability c : values()) {
            if (fileName.equals(c.routeFile()) || fileName.equals(c.id + ".yml")) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public static Optional<Capability> of(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Capability c : values()) {
            if (c.id.equals(n)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
