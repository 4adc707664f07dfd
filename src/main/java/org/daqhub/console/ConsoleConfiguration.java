package org.daqhub.console;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.daqhub.capabilities.Capabilities;
import org.daqhub.routes.RouteFileReloader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operator console: the page at {@code /hub/} (static files in {@code static/hub/}), the
 * snapshot every capability contributes to through its {@link ConsoleSection}, and the live stream.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfiguration {

    @Bean
    ConsoleSnapshot consoleSnapshot(CamelContext camel, RouteFileReloader reloader, Capabilities capabilities,
            List<ConsoleSection> sections, MeterRegistry meters, ObjectProvider<HealthEndpoint> health,
            Environment environment, ObjectProvider<BuildProperties> build) {
        return new ConsoleSnapshot(camel, reloader, capabilities, sections, meters, health, environment, build);
    }

    @Bean(destroyMethod = "close")
    ConsoleStream consoleStream(ConsoleSnapshot snapshots, ObjectMapper json, ConsoleProperties properties) {
        return new ConsoleStream(snapshots, json, properties);
    }

    /** Open pages' streams end when the hub starts to stop, before the web server waits for open requests. */
    @Bean
    ApplicationListener<ContextClosedEvent> consolePagesClose(ConsoleStream stream) {
        return closed -> stream.closePages();
    }

    /** {@code /hub/} is the console's page; {@code /hub} leads there (relative links need the slash). */
    @Bean
    WebMvcConfigurer consolePage() {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addViewController("/hub/").setViewName("forward:/hub/index.html");
                registry.addRedirectViewController("/hub", "/hub/");
            }
        };
    }
}
