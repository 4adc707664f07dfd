package org.daqhub.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which endpoints need a token when auth is on, and which role: the write and admin endpoints of
 * every capability. A capability named in {@code daqhub.auth.open-capabilities} keeps its write
 * endpoints open (the user administration never is). Reads stay open, except the requests, which
 * ServiceX keeps private to its users.
 */
public final class AccessRules {

    public static final String USER = "user";
    public static final String ADMIN = "admin";
    public static final Set<String> CAPABILITIES = Set.of("registry", "detector", "writer", "datastore",
            "event-streams", "requests");

    /** One protected endpoint: method and path ({@code *} is one path segment, {@code **} the rest). */
    public record Rule(String capability, String method, String path, String role) {

        boolean matches(String m, String p) {
            return method.equals(m) && match(path.split("/"), 0, p.split("/"), 0);
        }

        private static boolean match(String[] pattern, int i, String[] path, int j) {
            if (i == pattern.length) {
                return j == path.length;
            }
            if (pattern[i].equals("**")) {
                return true;
            }
            if (j == path.length) {
                return false;
            }
            return (pattern[i].equals("*") || pattern[i].equals(path[j])) && match(pattern, i + 1, path, j + 1);
        }
    }

    /** Base paths of the capabilities (as configured). */
    public record BasePaths(String registry, String datastore, String eventStreams, String requests) {
    }

    private final List<Rule> rules;

    public AccessRules(BasePaths base, Collection<String> open) {
        for (String c : open) {
            if (!CAPABILITIES.contains(c)) {
                throw new IllegalArgumentException("daqhub.auth.open-capabilities: unknown capability '" + c
                        + "', one of " + CAPABILITIES.stream().sorted().toList());
            }
        }
        List<Rule> all = new ArrayList<>();
        String r = base.registry();
        all.add(new Rule("registry", "POST", r + "/publish", USER));
        all.add(new Rule("registry", "POST", r + "/retract", USER));
        all.add(new Rule("registry", "POST", r + "/retract-partition", USER));
        all.add(new Rule("registry", "GET", r + "/resetStats", USER));
        all.add(new Rule("registry", "GET", r + "/resetService", ADMIN));
        all.add(new Rule("detector", "POST", "/detector", USER));
        all.add(new Rule("detector", "POST", "/detector/*", USER));
        all.add(new Rule("writer", "POST", "/write_sync", USER));
        all.add(new Rule("writer", "POST", "/write_async", USER));
        all.add(new Rule("writer", "POST", "/write_kill", USER));
        all.add(new Rule("datastore", "POST", base.datastore() + "/train", USER));
        all.add(new Rule("datastore", "POST", base.datastore() + "/cleanbuf", USER));
        all.add(new Rule("event-streams", "POST", base.eventStreams(), USER));
        all.add(new Rule("event-streams", "DELETE", base.eventStreams() + "/*", USER));
        String q = base.requests();
        all.add(new Rule("requests", "POST", q + "/transformation", USER));
        all.add(new Rule("requests", "GET", q + "/transformation", USER));
        all.add(new Rule("requests", "GET", q + "/transformation/**", USER));
        all.add(new Rule("requests", "GET", q + "/queues", ADMIN));
        all.add(new Rule("requests", "DELETE", q + "/queues", ADMIN));
        all.add(new Rule("users", "GET", "/users", ADMIN));
        all.add(new Rule("users", "DELETE", "/users", ADMIN));
        all.add(new Rule("users", "DELETE", "/users/*", ADMIN));
        all.add(new Rule("users", "GET", "/pending", ADMIN));
        all.add(new Rule("users", "DELETE", "/pending", ADMIN));
        all.add(new Rule("users", "POST", "/accept", ADMIN));
        this.rules = all.stream().filter(rule -> !open.contains(rule.capability()))
                .map(rule -> new Rule(rule.capability(), rule.method(), normalize(rule.path()), rule.role())).toList();
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The rule protecting this request, if any; {@code path} is the decoded path within the application. */
    public Optional<Rule> find(String method, String path) {
        String p = normalize(path);
        return rules.stream().filter(rule -> rule.matches(method, p)).findFirst();
    }

    /** One slash between segments, none at the end: /a//b/ and /a/b are the same endpoint. */
    static String normalize(String path) {
        String p = path.replaceAll("/{2,}", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
