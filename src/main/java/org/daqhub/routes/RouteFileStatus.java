package org.daqhub.routes;

import java.time.Instant;
import java.util.List;

/**
 * State of one file in the routes directory, as reported by {@code /hub/info}.
 *
 * @param file     file name within the routes directory
 * @param routeIds routes running from it (those of the last good version, if the newest was rejected)
 * @param loadedAt when the running version was loaded
 * @param error    why the newest version on disk was rejected, or null
 * @param warnings what loading the running version noted (verbs without an access declaration, closed)
 */
public record RouteFileStatus(String file, List<String> routeIds, Instant loadedAt, String error,
        List<String> warnings) {
}
