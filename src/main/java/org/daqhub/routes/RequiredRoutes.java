package org.daqhub.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/**
 * Routes that Java code sends to by their {@code from} URI (a {@code ProducerTemplate} on
 * {@code direct:request-publish}, say): a capability declares them as a bean, and an edit of
 * {@code file} that drops one is rejected like any broken edit (the previous version keeps running),
 * rather than leaving the Java side sending into nothing.
 *
 * @param file   the routes file that must keep them ({@code requests.yaml})
 * @param froms  their {@code from} URIs
 * @param sender who sends to them, for the error message
 */
public record RequiredRoutes(String file, List<String> froms, String sender) {

    /** Why {@code content}, the new text of this file, cannot be taken, or null. */
    public String missingFrom(String content) {
        List<String> present = fromUris(content);
        List<String> missing = froms.stream().filter(from -> !present.contains(from)).toList();
        return missing.isEmpty() ? null : "it must keep a route from " + String.join(" and ", missing) + ": "
                + sender + " sends to it";
    }

    /** The {@code from} URIs of the routes in a YAML routes file. */
    static List<String> fromUris(String content) {
        List<String> uris = new ArrayList<>();
        if (!(new Yaml().load(content) instanceof List<?> items)) {
            return uris;
        }
        for (Object item : items) {
            if (item instanceof Map<?, ?> entry && entry.get("route") instanceof Map<?, ?> route
                    && route.get("from") instanceof Map<?, ?> from && from.get("uri") != null) {
                uris.add(from.get("uri").toString());
            }
        }
        return uris;
    }
}
