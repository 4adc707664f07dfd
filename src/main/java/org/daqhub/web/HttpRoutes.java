package org.daqhub.web;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumerAware;

/** Finds the Camel route behind a platform-http consumer, the object Spring MVC's handler calls. */
public final class HttpRoutes {

    private HttpRoutes() {
    }

    /** The route whose platform-http consumer wraps {@code consumer}, or null if none is running. */
    public static Route routeOf(CamelContext camel, Consumer consumer) {
        for (Route route : camel.getRoutes()) {
            if (route.getConsumer() == consumer || (route.getConsumer() instanceof PlatformHttpConsumerAware aware
                    && aware.getPlatformHttpConsumer() == consumer)) {
                return route;
            }
        }
        return null;
    }
}
