package org.daqhub.web;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.daqhub.config.HubProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers the filters right before the endpoints: {@link RequestBodyFilter} (bodies received whole
 * and within bounds), then {@link SynchronousRouteFilter} last, told of every REST consumer.
 */
@Configuration
public class SynchronousRouteConfiguration {

    private static final String REFUSED = "Request bodies refused, by reason: timeout (408, daqhub.http.body-timeout),"
            + " too_large (413, daqhub.max-request-body), too_many_slow (429 or 503, daqhub.http.slow-bodies*)";

    @Bean
    FilterRegistrationBean<RequestBodyFilter> requestBodies(HubProperties properties, ServerProperties server,
            MeterRegistry meters) {
        HubProperties.Http http = properties.http();
        RequestBodyFilter filter = new RequestBodyFilter(properties.maxRequestBody().toBytes(), http.bodyTimeout(),
                http.slowBodiesPerClient(), http.slowBodies(), server.getTomcat().getMaxSwallowSize().toBytes());
        FunctionCounter.builder("daqhub.http.bodies.deferred", filter, RequestBodyFilter::deferred)
                .description("Request bodies still arriving after their headers, received without a thread")
                .register(meters);
        FunctionCounter.builder("daqhub.http.bodies.refused", filter, RequestBodyFilter::timedOut)
                .tag("reason", "timeout").description(REFUSED)
                .register(meters);
        FunctionCounter.builder("daqhub.http.bodies.refused", filter, RequestBodyFilter::tooLarge)
                .tag("reason", "too_large").description(REFUSED)
                .register(meters);
        FunctionCounter.builder("daqhub.http.bodies.refused", filter, RequestBodyFilter::tooManySlow)
                .tag("reason", "too_many_slow")
                .description(REFUSED)
                .register(meters);
        Gauge.builder("daqhub.http.bodies.pending", filter, RequestBodyFilter::pending)
                .description("Request bodies arriving now, after their headers").register(meters);
        FilterRegistrationBean<RequestBodyFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<SynchronousRouteFilter> synchronousRoutes(HubProperties properties, CamelContext camel,
            MeterRegistry meters, ObjectProvider<ConsumerGate> gate) {
        SynchronousRouteFilter filter = new SynchronousRouteFilter(camel, properties.http().synchronousRoutes(),
                gate.getIfAvailable(() -> ConsumerGate.OPEN));
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
