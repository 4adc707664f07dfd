package org.apache.camel.component.platform.http.springboot;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs a platform-http consumer's exchange on the calling thread. Lives in Camel's package because
 * {@link SpringBootPlatformHttpConsumer#handleService} is protected: its public {@code service}
 * always hands the exchange to an executor, which makes Spring MVC answer through an asynchronous
 * dispatch. Used by org.daqhub.web.SynchronousRouteFilter only.
 */
public final class SynchronousService {

    private SynchronousService() {
    }

    public static boolean supports(Object consumer) {
        return consumer instanceof SpringBootPlatformHttpConsumer;
    }

    public static void handle(Object consumer, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        ((SpringBootPlatformHttpConsumer) consumer).handleService(request, response);
    }
}
