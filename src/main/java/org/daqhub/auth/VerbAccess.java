package org.daqhub.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.SecurityDefinition;
import org.apache.camel.model.rest.VerbDefinition;

/**
 * The access each REST verb declares beside itself in {@code routes/*.yaml}, with the REST DSL's
 * own {@code security} key (so the OpenAPI document shows it too):
 *
 * <pre>
 * security: [{key: open}]                  anyone
 * security: [{key: bearer, scopes: user}]  an accepted user's access token
 * security: [{key: bearer, scopes: admin}] an admin's access token
 * </pre>
 *
 * A verb without a declaration is closed: it needs a user (and the hub warns at load). A verb whose
 * declaration is anything else is refused at load, so a typo never opens or locks an endpoint by
 * surprise. The rest's {@code tag} names its capability: a capability listed in
 * {@code daqhub.auth.open-capabilities} has all its verbs open (the user administration never).
 */
public final class VerbAccess {

    public static final String OPEN_KEY = "open";
    public static final String BEARER_KEY = "bearer";
    public static final Set<String> CAPABILITIES = Set.of("registry", "detector", "writer", "datastore",
            "event-streams", "requests");

    /** One verb's decision: its access and whether the route file declared it. */
    public record Decision(Access access, boolean declared) {
    }

    private final Set<String> openCapabilities;

    public VerbAccess(Collection<String> openCapabilities) {
        for (String c : openCapabilities) {
            if (!CAPABILITIES.contains(c)) {
                throw new IllegalArgumentException("daqhub.auth.open-capabilities: unknown capability '" + c
                        + "', one of " + CAPABILITIES.stream().sorted().toList());
            }
        }
        this.openCapabilities = Set.copyOf(openCapabilities);
    }

    /** The decision for {@code verb} of {@code rest}; a malformed declaration counts as closed (it is refused at load). */
    public Decision decide(RestDefinition rest, VerbDefinition verb) {
        Access declared;
        try {
            declared = declared(verb);
        } catch (IllegalArgumentException malformed) {
            return new Decision(Access.USER, false);
        }
        if (opens(rest.getTag())) {
            return new Decision(Access.OPEN, true);
        }
        return declared == null ? new Decision(Access.USER, false) : new Decision(declared, true);
    }

    /** Whether every verb tagged {@code capability} is open (daqhub.auth.open-capabilities). */
    public boolean opens(String capability) {
        return capability != null && openCapabilities.contains(capability);
    }

    /**
     * Checks every verb of {@code rests} (a routes file just loaded).
     *
     * @return the verbs without a declaration (closed), as "METHOD path (id)"
     * @throws IllegalArgumentException naming each verb whose declaration is malformed
     */
    public static List<String> check(List<RestDefinition> rests) {
        List<String> undeclared = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        for (RestDefinition rest : rests) {
            for (VerbDefinition verb : rest.getVerbs()) {
                try {
                    if (declared(verb) == null) {
                        undeclared.add(describe(rest, verb));
                    }
                } catch (IllegalArgumentException e) {
                    malformed.add(describe(rest, verb) + ": " + e.getMessage());
                }
            }
        }
        if (!malformed.isEmpty()) {
            throw new IllegalArgumentException("access of " + String.join("; ", malformed));
        }
        return undeclared;
    }

    /** The declared access, or null when the verb declares none. */
    static Access declared(VerbDefinition verb) {
        List<SecurityDefinition> security = verb.getSecurity();
        if (security == null || security.isEmpty()) {
            return null;
        }
        if (security.size() == 1) {
            SecurityDefinition only = security.get(0);
            String scopes = only.getScopes() == null ? "" : only.getScopes().trim();
            if (OPEN_KEY.equals(only.getKey()) && scopes.isEmpty()) {
                return Access.OPEN;
            }
            if (BEARER_KEY.equals(only.getKey()) && (scopes.equals("user") || scopes.equals("admin"))) {
                return Access.valueOf(scopes.toUpperCase(Locale.ROOT));
            }
        }
        throw new IllegalArgumentException("security must be [{key: open}], [{key: bearer, scopes: user}] or"
                + " [{key: bearer, scopes: admin}], not " + security.stream()
                        .map(s -> "{key: " + s.getKey() + (s.getScopes() == null ? "" : ", scopes: " + s.getScopes()) + "}")
                        .toList());
    }

    static String describe(RestDefinition rest, VerbDefinition verb) {
        return verb.asVerb().toUpperCase(Locale.ROOT) + " " + path(rest, verb)
                + (verb.getId() == null ? "" : " (" + verb.getId() + ")");
    }

    /** The verb's path as declared (the rest's path, then the verb's; placeholders unresolved). */
    static String path(RestDefinition rest, VerbDefinition verb) {
        return (rest.getPath() == null ? "" : rest.getPath()) + (verb.getPath() == null ? "" : verb.getPath());
    }
}
