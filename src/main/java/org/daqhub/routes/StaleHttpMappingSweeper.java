package org.daqhub.routes;

import java.util.List;
import java.util.Map;

import org.apache.camel.Consumer;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Camel's platform-http on Spring Boot registers a Spring MVC mapping per HTTP consumer but never
 * unregisters it (its {@code unregisterHttpEndpoint} is a no-op in 4.17), so a removed route would
 * keep answering through its stopped consumer. After every route change this drops the mappings
 * whose Camel consumer is no longer running, so a deleted endpoint answers 404.
 */
public class StaleHttpMappingSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(StaleHttpMappingSweeper.class);

    private final List<RequestMappingHandlerMapping> mappings;

    public StaleHttpMappingSweeper(List<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    public void sweep() {
        for (RequestMappingHandlerMapping mapping : mappings) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : Map.copyOf(mapping.getHandlerMethods())
                    .entrySet()) {
                Object handler = entry.getValue().getBean();
                if (handler instanceof Consumer && handler instanceof ServiceSupport service
                        && (service.isStopped() || service.isStopping())) {
                    LOG.debug("Unregistering HTTP mapping {} of a stopped route", entry.getKey());
                    mapping.unregisterMapping(entry.getKey());
                }
            }
        }
    }
}
