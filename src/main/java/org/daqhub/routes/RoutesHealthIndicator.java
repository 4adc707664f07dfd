package org.daqhub.routes;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code routes} in /actuator/health and in the readiness probe: DOWN until the YAML routes present
 * at start are loaded (the Camel context is up a moment before they are, and a request then would
 * get 404), with each file's routes and any rejection as details.
 */
@Component("routes")
public class RoutesHealthIndicator extends AbstractHealthIndicator {

    private final RouteFileReloader reloader;

    public RoutesHealthIndicator(RouteFileReloader reloader) {
        this.reloader = reloader;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        (reloader.initialLoadDone() ? builder.up() : builder.down()).withDetail("files", reloader.status());
    }
}
