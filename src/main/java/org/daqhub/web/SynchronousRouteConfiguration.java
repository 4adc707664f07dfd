package org.daqhub.web;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.daqhub.config.HubProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers {@link SynchronousRouteFilter} last in the filter chain and tells it of every REST consumer. */
@Configuration
public class SynchronousRouteConfiguration {

    @Bean
    FilterRegistrationBean<SynchronousRouteFilter> synchronousRoutes(HubProperties properties, CamelContext camel,
            MeterRegistry meters) {
        SynchronousRouteFilter filter = new SynchronousRouteFilter(camel, properties.http().synchronousRoutes());
        PlatformHttpComponent component = camel.getComponent("platform-http", PlatformHttpComponent.class);
        component.getHttpEndpoints().forEach(filter::registerHttpEndpoint);
        component.addPlatformHttpListener(filter);
        FunctionCounter.builder("daqhub.http.synchronous.requests", filter, SynchronousRouteFilter::served)
                .description("REST requests answered on the request thread (daqhub.http.synchronous-routes)")
                .register(meters);
        FilterRegistrationBean<SynchronousRouteFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }
}
