package org.daqhub.routes;

import java.time.Instant;
import java.util.List;

import org.apache.camel.model.rest.RestDefinition;

/**
 * What one routes file put into the Camel context, so it can be replaced or removed as a unit.
 *
 * @param digest   SHA-256 of the content that was loaded
 * @param content  the loaded text, kept to restore it if a later version fails to start
 * @param routeIds ids of the routes the file created
 * @param rests    REST DSL definitions the file added (they stay in the model after their routes go)
 * @param warnings what the {@link RestCheck} noted about them (verbs without an access declaration)
 */
record LoadedRouteFile(String digest, String content, List<String> routeIds, List<RestDefinition> rests,
        Instant loadedAt, List<String> warnings) {
}
