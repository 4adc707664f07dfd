package org.daqhub.config;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each hub process one id, {@code daqhub.instance-id} (unless configured), fixed for its
 * lifetime. It names the hub's own broker queues, which must be the same name for Spring (which
 * re-declares them after a broker restart) and for the Camel routes that consume them, and must
 * differ between replicas. Spring's {@code ${random.uuid}} cannot do this: it changes at every use.
 */
public class InstanceIdEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String KEY = "daqhub.instance-id";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.containsProperty(KEY)) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            environment.getPropertySources().addLast(new MapPropertySource("daqhubInstanceId", Map.of(KEY, id)));
        }
    }
}
