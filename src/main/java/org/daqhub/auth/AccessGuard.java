package org.daqhub.auth;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.PlatformHttpListener;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.daqhub.routes.RouteAccess;
import org.daqhub.web.ConsumerGate;
import org.daqhub.web.ErrorBody;
import org.daqhub.web.HttpRoutes;
import org.daqhub.web.HubException;

/**
 * The access decision for a request, taken where it reaches the REST consumer that will run it
 * (from Spring MVC's handler, or the synchronous route filter's target), never from the path and
 * method written in the request: {@code HEAD} reaches the GET consumer and so needs what the GET
 * verb declares, {@code OPTIONS} is answered by Spring without reaching any consumer, and
 * {@code TRACE} is refused by Tomcat. A consumer that belongs to no declared verb (a plain
 * platform-http route, an undeclared verb) needs a user: access is closed by default.
 */
public class AccessGuard implements ConsumerGate, PlatformHttpListener, RouteAccess {

    private final CamelContext camel;
    private final VerbAccess verbs;
    private final boolean enabled;
    private final String apiRouteId;
    private final Map<Consumer, Access> decided = new ConcurrentHashMap<>();

    /**
     * @param enabled    off: every consumer is open (daqhub.auth.enabled=false)
     * @param apiRouteId the route serving the OpenAPI document (open)
     */
    public AccessGuard(CamelContext camel, VerbAccess verbs, boolean enabled, String apiRouteId) {
        this.camel = camel;
        this.verbs = verbs;
        this.enabled = enabled;
        this.apiRouteId = apiRouteId;
    }

    /**
     * Lets the request on to {@code consumer}, or answers 401 or 403 in the hub's JSON error shape
     * and returns false.
     */
    @Override
    public boolean admit(Consumer consumer, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!enabled) {
            return true;
        }
        Access access = accessOf(consumer);
        if (access == Access.OPEN) {
            return true;
        }
        try {
            User user = Authentication.of(request).user();
            if (access == Access.ADMIN && !user.admin()) {
                throw AuthErrors.forbidden("this endpoint is for admins; " + user.email() + " is not one");
            }
            return true;
        } catch (HubException refused) {
            if (refused.status() == 401) {
                response.setHeader("WWW-Authenticate", "Bearer");
            }
            ErrorBody.send(response, refused, request.getRequestURI());
            return false;
        }
    }

    /**
     * Whether {@code request} may see what verbs for users show (auth off, or an accepted user's
     * token), for pages that are not Camel routes, such as the console's live stream.
     */
    public boolean admitsUser(HttpServletRequest request) {
        if (!enabled) {
            return true;
        }
        try {
            Authentication.of(request).user();
            return true;
        } catch (HubException refused) {
            return false;
        }
    }

    /** What the verb behind {@code consumer} needs (decided once per consumer; reloads make new ones). */
    public Access accessOf(Consumer consumer) {
        Access access = decided.get(consumer);
        if (access != null) {
            return access;
        }
        Route route = HttpRoutes.routeOf(camel, consumer);
        if (route == null) {
            return Access.USER; // not started yet: closed, and asked again next time
        }
        access = accessOf(route);
        decided.put(consumer, access);
        return access;
    }

    @Override
    public String label(Route route) {
        return accessOf(route).label();
    }

    /** What a route's REST verb needs (shown per route in /hub/info). */
    public Access accessOf(Route route) {
        if (route.getRouteId().equals(apiRouteId)) {
            return Access.OPEN;
        }
        return verbOf(route).map(v -> verbs.decide(v.rest(), v.verb()).access()).orElse(Access.USER);
    }

    /** The REST verb a route was made from: by id, else by method and path. */
    private Optional<RestVerb> verbOf(Route route) {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        RouteDefinition definition = model.getRouteDefinition(route.getRouteId());
        RestDefinition rest = definition == null ? null : definition.getRestDefinition();
        if (rest == null) {
            return Optional.empty();
        }
        for (VerbDefinition verb : rest.getVerbs()) {
            if (route.getRouteId().equals(verb.getRouteId()) || route.getRouteId().equals(verb.getId())) {
                return Optional.of(new RestVerb(rest, verb));
            }
        }
        if (route.getConsumer() != null && route.getConsumer().getEndpoint() instanceof PlatformHttpEndpoint endpoint
                && endpoint.getHttpMethodRestrict() != null) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = camel.resolvePropertyPlaceholders(VerbAccess.path(rest, verb));
                if (verb.asVerb().equalsIgnoreCase(endpoint.getHttpMethodRestrict())
                        && normalize(path).equals(normalize(endpoint.getPath()))) {
                    return Optional.of(new RestVerb(rest, verb));
                }
            }
        }
        return Optional.empty();
    }

    private static String normalize(String path) {
        String p = path.replaceAll("/{2,}", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private record RestVerb(RestDefinition rest, VerbDefinition verb) {
    }

    @Override
    public void registerHttpEndpoint(HttpEndpointModel model) {
        decided.remove(model.getConsumer());
    }

    @Override
    public void unregisterHttpEndpoint(HttpEndpointModel model) {
        decided.remove(model.getConsumer());
    }
}
