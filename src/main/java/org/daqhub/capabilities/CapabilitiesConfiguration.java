package org.daqhub.capabilities;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.daqhub.config.HubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/** What this instance runs ({@code daqhub.capabilities}), and the 404s of what it does not. */
@Configuration(proxyBeanMethods = false)
public class CapabilitiesConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CapabilitiesConfiguration.class);

    @Bean
    Capabilities capabilities(Environment environment) {
        Capabilities capabilities = Capabilities.from(environment);
        LOG.info("Capabilities running: {}; off: {}", capabilities.running(), capabilities.off());
        return capabilities;
    }

    /** Before authentication (AuthFilter is at HIGHEST_PRECEDENCE + 20). */
    @Bean
    FilterRegistrationBean<CapabilityOffFilter> capabilityOffFilter(Capabilities capabilities,
            HubProperties hub, Environment environment) {
        List<CapabilityOffFilter.OffVerb> off = new ArrayList<>();
        for (Capability c : capabilities.off()) {
            Path file = hub.routesDir().resolve(c.routeFile());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                for (RestPaths.Verb verb : RestPaths.of(Files.readString(file, StandardCharsets.UTF_8),
                        environment::getProperty)) {
                    off.add(new CapabilityOffFilter.OffVerb(c, verb));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Routes file {} of the {} capability (off) not read: its endpoints answer a plain 404: {}",
                        file, c.id(), e.getMessage());
            }
        }
        FilterRegistrationBean<CapabilityOffFilter> registration = new FilterRegistrationBean<>(
                new CapabilityOffFilter(off));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
