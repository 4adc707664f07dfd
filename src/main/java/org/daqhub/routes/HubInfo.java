package org.daqhub.routes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    public HubDescription describe() {
        String[] active = environment.getActiveProfiles();
        List<HubDescription.RouteView> routes = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            ServiceStatus status = camel.getRouteController().getRouteStatus(route.getRouteId());
            if (status == null) {
                continue; // removed since the list was taken (a routes file unloading): no longer there
            }
            String source = route.getSourceLocationShort();
            boolean http = route.getConsumer() != null
                    && route.getConsumer().getEndpoint() instanceof PlatformHttpEndpoint;
            routes.add(new HubDescription.RouteView(route.getRouteId(), status.name(),
                    route.getEndpoint().getEndpointBaseUri(), source != null ? source : "java",
                    access != null && http ? access.label(route) : null));
        }
        return new HubDescription("DAQ Hub", version, active.length == 0 ? List.of("default") : Arrays.asList(active),
                camel.getVersion(), "/hub/", capabilities.running().stream().map(Capability::id).toList(),
                capabilities.off().stream().map(Capability::id).toList(), routes, reloader.status(),
                reloader.skipped().stream().sorted().toList());
    }
}
