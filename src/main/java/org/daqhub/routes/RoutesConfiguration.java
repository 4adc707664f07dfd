package org.daqhub.routes;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.daqhub.capabilities.Capabilities;
import org.daqhub.capabilities.Capability;
import org.daqhub.config.HubProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Loads the YAML routes of {@code daqhub.routes-dir} once Camel has started (so the Java route
 * configurations and beans they reference are in place) and keeps them in step with the directory.
 * The routes files of capabilities this instance does not run are left alone.
 */
@Configuration(proxyBeanMethods = false)
public class RoutesConfiguration {

    @Bean(destroyMethod = "close")
    RouteFileReloader routeFileReloader(CamelContext camel, HubProperties properties,
            List<RequestMappingHandlerMapping> mappings, ObjectProvider<RestCheck> restCheck,
            Capabilities capabilities, List<RequiredRoutes> required) {
        Set<String> off = capabilities.off().stream().map(Capability::routeFile).collect(Collectors.toSet());
        return new RouteFileReloader(camel, properties.routesDir(), properties.routesPoll(),
                new StaleHttpMappingSweeper(mappings), restCheck.getIfAvailable(() -> RestCheck.NONE), off, required);
    }

    @Bean
    CamelContextConfiguration loadRoutesAfterStart(RouteFileReloader reloader) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                reloader.start();
            }
        };
    }
}
