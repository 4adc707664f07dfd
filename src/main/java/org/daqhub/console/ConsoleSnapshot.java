package org.daqhub.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.daqhub.capabilities.Capabilities;
import org.daqhub.capabilities.Capability;
import org.daqhub.routes.RouteFileReloader;
import org.daqhub.routes.RouteFileStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.env.Environment;

/**
 * Everything the operator console shows, as one JSON-ready map: the hub, its health, which
 * capabilities run, each capability's {@link ConsoleSection}, and every Camel route grouped by the
 * routes file it came from with that file's last reload result. Built once per console tick and
 * shared by every open page, so pages cost the hub one snapshot, not one each.
 */
public class ConsoleSnapshot {

    /**
     * Health is asked at most this often: a full check (the broker, the database, every Camel
     * route's health check) costs more CPU than the rest of a snapshot, and the probes of the
     * orchestrator ask it anyway.
     */
    private static final long HEALTH_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final CamelContext camel;
    private final RouteFileReloader reloader;
    private final Capabilities capabilities;
    private final List<ConsoleSection> sections;
    private final MeterRegistry meters;
    private final HealthEndpoint health;
    private final Map<String, Object> hub = new LinkedHashMap<>();
    private final long startedMillis = System.currentTimeMillis();
    private Map<String, Object> lastHealth;
    private long healthAskedNanos;

    public ConsoleSnapshot(CamelContext camel, RouteFileReloader reloader, Capabilities capabilities,
            List<ConsoleSection> sections, MeterRegistry meters, ObjectProvider<HealthEndpoint> health,
            Environment environment, ObjectProvider<BuildProperties> build) {
        this.camel = camel;
        this.reloader = reloader;
        this.capabilities = capabilities;
        this.sections = List.copyOf(sections);
        this.meters = meters;
        this.health = health.getIfAvailable();
        BuildProperties properties = build.getIfAvailable();
        hub.put("name", "DAQ Hub");
        hub.put("version", properties != null ? properties.getVersion() : "dev");
        String[] active = environment.getActiveProfiles();
        hub.put("profiles", active.length == 0 ? List.of("default") : Arrays.asList(active));
        hub.put("instance", environment.getProperty("daqhub.instance-id", ""));
        // where the page finds the detectors' previews (relative to /hub/)
        hub.put("detector_path", environment.getProperty("daqhub.detector.base-path", ""));
    }

    /**
     * @param withUserSections include the sections whose data needs a signed-in user
     */
    public Map<String, Object> take(boolean withUserSections) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("time", Instant.now().toString());
        Map<String, Object> about = new LinkedHashMap<>(hub);
        about.put("uptime_s", (System.currentTimeMillis() - startedMillis) / 1000);
        s.put("hub", about);
        s.put("health", health());
        s.put("capabilities", Map.of("on", capabilities.running().stream().map(Capability::id).toList(),
                "off", capabilities.off().stream().map(Capability::id).toList()));
        Map<String, Object> parts = new LinkedHashMap<>();
        for (ConsoleSection section : sections) {
            parts.put(section.id(), !section.forUsersOnly() || withUserSections ? section.snapshot()
                    : Map.of("hidden", "sign in (a user's token) to see this"));
        }
        s.put("sections", parts);
        s.put("routes", routes());
        return s;
    }

    private synchronized Map<String, Object> health() {
        long now = System.nanoTime();
        if (lastHealth == null || now - healthAskedNanos >= HEALTH_EVERY_NANOS) {
            healthAskedNanos = now;
            Map<String, Object> h = new LinkedHashMap<>();
            if (health == null) {
                h.put("status", "UNKNOWN");
            } else {
                HealthComponent all = health.health();
                h.put("status", all.getStatus().getCode());
                Map<String, String> components = new LinkedHashMap<>();
                if (all instanceof CompositeHealth composite) {
                    composite.getComponents().forEach((name, c) -> components.put(name, c.getStatus().getCode()));
                }
                h.put("components", components);
            }
            lastHealth = h;
        }
        return lastHealth;
    }

    /** Routes files (with their last reload result), each with its routes' state and counters. */
    private Map<String, Object> routes() {
        Map<String, RouteMeters> byRoute = routeMeters();
        Set<String> listed = new LinkedHashSet<>();
        List<Map<String, Object>> files = new ArrayList<>();
        for (RouteFileStatus file : reloader.status()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file", file.file());
            f.put("loaded_at", file.loadedAt() == null ? null : file.loadedAt().toString());
            f.put("error", file.error());
            f.put("warnings", file.warnings());
            List<Map<String, Object>> routes = new ArrayList<>();
            for (String id : file.routeIds()) {
                Route route = camel.getRoute(id);
                if (route != null) {
                    routes.add(route(route, byRoute.get(id)));
                    listed.add(id);
                }
            }
            f.put("routes", routes);
            files.add(f);
        }
        List<Map<String, Object>> others = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            if (!listed.contains(route.getRouteId())) {
                others.add(route(route, byRoute.get(route.getRouteId())));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", files);
        m.put("files_off", reloader.skipped().stream().sorted().toList());
        m.put("other", others);
        return m;
    }

    private Map<String, Object> route(Route route, RouteMeters meters) {
        String id = route.getRouteId();
        ServiceStatus status = camel.getRouteController().getRouteStatus(id);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("status", status == null ? "Removed" : status.name());
        r.put("from", route.getEndpoint().getEndpointBaseUri());
        r.put("exchanges", meters == null ? 0 : meters.exchanges);
        r.put("failed", meters == null ? 0 : meters.failed);
        r.put("mean_ms", meters == null || meters.timed == 0 ? null : Math.round(meters.meanMicros) / 1000.0);
        return r;
    }

    /**
     * camel-micrometer's per-route meters, found in one pass over the registry: looking each route's
     * meters up by name would scan every meter for every route on every tick.
     */
    private Map<String, RouteMeters> routeMeters() {
        Map<String, RouteMeters> byRoute = new HashMap<>();
        for (Meter meter : meters.getMeters()) {
            String name = meter.getId().getName();
            String routeId = meter.getId().getTag("routeId");
            if (routeId == null || !name.startsWith("camel.")) {
                continue;
            }
            RouteMeters r = byRoute.computeIfAbsent(routeId, k -> new RouteMeters());
            boolean perRoute = "route".equals(meter.getId().getTag("eventType"));
            if (meter instanceof Counter counter && perRoute && name.equals("camel.exchanges.total")) {
                r.exchanges = (long) counter.count();
            } else if (meter instanceof Counter counter && perRoute && name.equals("camel.exchanges.failed")) {
                r.failed = (long) counter.count();
            } else if (meter instanceof Timer timer && name.equals("camel.route.policy")) {
                r.timed = timer.count();
                r.meanMicros = timer.mean(TimeUnit.MICROSECONDS);
            }
        }
        return byRoute;
    }

    private static final class RouteMeters {
        long exchanges;
        long failed;
        long timed;
        double meanMicros;
    }
}
