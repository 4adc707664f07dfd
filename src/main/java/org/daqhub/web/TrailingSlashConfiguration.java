package org.daqhub.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;

/**
 * The originals' clients call paths with a trailing slash ({@code /event-stream/},
 * {@code /event-stream/version/}, {@code /datastore/}); Camel's platform-http registers REST paths
 * without it, so under those capabilities the request is seen without the slash.
 */
@Configuration(proxyBeanMethods = false)
public class TrailingSlashConfiguration {

    @Bean
    FilterRegistrationBean<UrlHandlerFilter> trailingSlashes(
            @Value("${daqhub.event-streams.base-path}") String eventStreams,
            @Value("${daqhub.datastore.base-path}") String datastore) {
        FilterRegistrationBean<UrlHandlerFilter> registration = new FilterRegistrationBean<>(
                UrlHandlerFilter.trailingSlashHandler(eventStreams + "/**", datastore + "/**").wrapRequest().build());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
