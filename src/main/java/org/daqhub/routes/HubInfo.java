package org.daqhub.routes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.daqhub.capabilities.Capabilities;
import org.daqhub.capabilities.Capability;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Answers {@code GET /hub/info} (route in routes/hub.yaml): what is running, in which profile, and
 * which routes are loaded from where, including files whose newest version was rejected.
 */
@Component("hubInfo")
public class HubInfo {

    private final CamelContext camel;
    private final Environment environment;
    private final RouteFileReloader reloader;
    private final String version;
    private final RouteAccess access;
    private final Capabilities capabilities;

    public HubInfo(CamelContext camel, Environment environment, RouteFileReloader reloader,
            ObjectProvider<BuildProperties> build, ObjectProvider<RouteAccess> access, Capabilities capabilities) {
        this.camel = camel;
        this.capabilities = capabilities;
        this.access = access.getIfAvailable();
        this.environment = environment;
        this.reloader = reloader;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties != null ? properties.getVersion() : "dev";
    }

    public Map<String, Object> describe() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", "DAQ Hub");
        info.put("version", version);
        String[] active = environment.getActiveProfiles();
        info.put("profiles", active.length == 0 ? List.of("default") : Arrays.asList(active));
        info.put("camel", camel.getVersion());
        info.put("console", "/hub/");
        List<Map<String, Object>> routes = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            ServiceStatus status = camel.getRouteController().getRouteStatus(route.getRouteId());
            if (status == null) {
                continue; // removed since the list was taken (a routes file unloading): no longer there
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", route.getRouteId());
            r.put("status", status.name());
            r.put("from", route.getEndpoint().getEndpointBaseUri());
            String source = route.getSourceLocationShort();
            r.put("source", source != null ? source : "java");
            if (access != null && route.getConsumer() != null
                    && route.getConsumer().getEndpoint() instanceof PlatformHttpEndpoint) {
                r.put("access", access.label(route));
            }
            routes.add(r);
        }
        info.put("capabilities", capabilities.running().stream().map(Capability::id).toList());
        info.put("capabilitiesOff", capabilities.off().stream().map(Capability::id).toList());
        info.put("routes", routes);
        info.put("routeFiles", reloader.status());
        info.put("routeFilesOff", reloader.skipped().stream().sorted().toList());
        return info;
    }
}
