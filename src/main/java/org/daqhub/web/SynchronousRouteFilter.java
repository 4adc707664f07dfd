package org.daqhub.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpListener;
import org.apache.camel.support.PatternHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Serves the REST routes named in {@code daqhub.http.synchronous-routes} on Tomcat's request
 * thread, ahead of Spring MVC.
 *
 * <p>platform-http otherwise answers every request through Spring MVC's handler mapping (a scan of
 * every REST path of the hub), a hand-off to an executor and an asynchronous dispatch back through
 * the filter chain, which cost more than the registry's own work: registry lookups went from about
 * 14,000 to 19,000 a second on two cores (bench/RESULTS.md), and the datastore's /streamdata, whose
 * only wait is its own fsync, from about 900 to 1,000. Routes that wait on something else
 * (write_sync, requests that call the broker) must stay off the list, so they do not hold Tomcat's
 * threads.
 *
 * <p>The filter runs last, after size limits and authentication, and asks the {@link ConsumerGate}
 * (the access decision) before it runs a consumer, as Spring MVC's interceptor would; the exchange
 * is the same one platform-http would build (same binding, headers, path parameters and error
 * handling).
 */
public class SynchronousRouteFilter extends OncePerRequestFilter implements PlatformHttpListener {

    private static final Logger LOG = LoggerFactory.getLogger(SynchronousRouteFilter.class);

    private final CamelContext camel;
    private final ConsumerGate gate;
    private final List<String> routePatterns;
    private final PathPatternParser parser = new PathPatternParser();
    /** Most specific path first, as Spring MVC would choose; replaced whole when routes change. */
    private volatile List<Target> targets = List.of();
    private final AtomicLong served = new AtomicLong();

    public SynchronousRouteFilter(CamelContext camel, List<String> routePatterns, ConsumerGate gate) {
        this.camel = camel;
        this.gate = gate;
        this.routePatterns = List.copyOf(routePatterns);
    }

    @Override
    public void registerHttpEndpoint(HttpEndpointModel model) {
        if (SynchronousService.supports(model.getConsumer())) {
            Set<String> verbs = model.getVerbs() == null ? Set.of()
                    : Set.copyOf(Arrays.asList(model.getVerbs().toUpperCase().split("\\s*,\\s*")));
            Target target = new Target(model.getUri(), parser.parse(model.getUri()), verbs, model.getConsumer());
            update(list -> list.add(target));
        }
    }

    @Override
    public void unregisterHttpEndpoint(HttpEndpointModel model) {
        update(list -> list.removeIf(target -> target.consumer == model.getConsumer()));
    }

    private synchronized void update(java.util.function.Consumer<List<Target>> change) {
        List<Target> list = new ArrayList<>(targets);
        change.accept(list);
        list.sort(Comparator.comparing(target -> target.pattern, PathPattern.SPECIFICITY_COMPARATOR));
        targets = List.copyOf(list);
    }

    /** Runs for the second dispatch of a request whose body arrived slowly ({@link RequestBodyFilter}). */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getDispatcherType() == jakarta.servlet.DispatcherType.ASYNC
                && !RequestBodyFilter.isDeferredPass(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Target target = targets.isEmpty() ? null : find(request);
        if (target == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!gate.admit(target.consumer, request, response)) {
            return;
        }
        served.incrementAndGet();
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context -> context.setPathPattern(target.uri));
        try {
            SynchronousService.handle(target.consumer, request, response);
        } catch (Exception e) {
            LOG.error("{} {} failed outside its route", request.getMethod(), request.getRequestURI(), e);
            if (!response.isCommitted()) {
                response.resetBuffer();
                response.setStatus(500);
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.getWriter().write(ErrorBody.json("internal error: " + e.getClass().getSimpleName()
                        + " (see the hub's log)", 500, request.getRequestURI()));
            }
        }
    }

    /** Requests answered on the request thread since start ({@code daqhub_http_synchronous_requests_total}). */
    public long served() {
        return served.get();
    }

    private Target find(HttpServletRequest request) {
        String method = request.getMethod();
        PathContainer path = null;
        for (Target target : targets) {
            if (target.verbs.contains(method) && isSynchronous(target)) {
                if (path == null) {
                    path = PathContainer.parsePath(
                            request.getRequestURI().substring(request.getContextPath().length()));
                }
                if (target.pattern.matches(path)) {
                    return target;
                }
            }
        }
        return null;
    }

    /** Decided at the first request: the routes are not all known when their consumers start. */
    private boolean isSynchronous(Target target) {
        Boolean synchronous = target.synchronous;
        if (synchronous == null) {
            String routeId = routeIdOf(target.consumer);
            if (routeId == null) {
                return false;
            }
            synchronous = routePatterns.stream().anyMatch(pattern -> PatternHelper.matchPattern(routeId, pattern));
            target.synchronous = synchronous;
            if (synchronous) {
                LOG.info("{} {} answered on the request thread (route {})", target.verbs, target.uri, routeId);
            }
        }
        return synchronous;
    }

    /** The route whose platform-http consumer wraps this one (the one Spring Boot's engine serves). */
    private String routeIdOf(Consumer consumer) {
        Route route = HttpRoutes.routeOf(camel, consumer);
        return route == null ? null : route.getRouteId();
    }

    private static final class Target {
        final String uri;
        final PathPattern pattern;
        final Set<String> verbs;
        final Consumer consumer;
        volatile Boolean synchronous;

        Target(String uri, PathPattern pattern, Set<String> verbs, Consumer consumer) {
            this.uri = uri;
            this.pattern = pattern;
            this.verbs = verbs;
            this.consumer = consumer;
        }
    }
}
