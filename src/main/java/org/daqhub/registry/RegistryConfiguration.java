package org.daqhub.registry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.daqhub.capabilities.Capability;
import org.daqhub.capabilities.ConditionalOnCapability;
import org.daqhub.console.ConsoleSection;
import org.daqhub.web.JsonBodies;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The registry's store (memory or Redis, by {@code daqhub.registry.store}) and its beans for the routes. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnCapability(Capability.REGISTRY)
public class RegistryConfiguration {

    @Bean
    ConnectionStore connectionStore(RegistryProperties properties, ObjectProvider<StringRedisTemplate> redis) {
        return switch (properties.store()) {
            case "memory" -> new InMemoryConnectionStore();
            case "redis" -> new RedisConnectionStore(redis.getObject(), properties.redisPrefix());
            default -> throw new IllegalArgumentException("daqhub.registry.store must be memory or redis, not '"
                    + properties.store() + "'");
        };
    }

    @Bean(name = "registry")
    RegistryService registry(ConnectionStore store, RegistryProperties properties, JsonBodies bodies) {
        return new RegistryService(store, properties, bodies);
    }

    @Bean
    ConsoleSection registryConsole(RegistryService registry) {
        return ConsoleSection.of("registry", false, registry::console);
    }

    /**
     * The registry's size in /actuator/prometheus, read from the store when scraped:
     * {@code daqhub_registry_partitions}, {@code daqhub_registry_entries} (not yet expired or
     * retracted, all partitions). Calls per endpoint are the Camel route metrics of routes/registry.yaml.
     */
    @Bean
    MeterBinder registryMetrics(RegistryService registry) {
        return meters -> {
            Gauge.builder("daqhub.registry.partitions", registry, r -> r.dump().size()).register(meters);
            Gauge.builder("daqhub.registry.entries", registry,
                    r -> r.dump().values().stream().mapToInt(java.util.List::size).sum()).register(meters);
        };
    }

    @Bean(name = "registryPages")
    RegistryPages registryPages(RegistryService registry) {
        return new RegistryPages(registry);
    }
}
