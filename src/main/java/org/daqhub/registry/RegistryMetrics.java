package org.daqhub.registry;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.daqhub.capabilities.Capability;
import org.daqhub.capabilities.ConditionalOnCapability;
import org.springframework.stereotype.Component;

/**
 * The registry's size in /actuator/prometheus: {@code daqhub_registry_partitions} and
 * {@code daqhub_registry_entries} (entries not yet expired or purged, all partitions), read from
 * the store when scraped. Calls per endpoint are the Camel route metrics of routes/registry.yaml.
 */
@Component
@ConditionalOnCapability(Capability.REGISTRY)
public class RegistryMetrics implements MeterBinder {

    private final RegistryService registry;

    public RegistryMetrics(RegistryService registry) {
        this.registry = registry;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("daqhub.registry.partitions", registry, r -> r.dump().size()).register(meters);
        Gauge.builder("daqhub.registry.entries", registry, RegistryMetrics::entries).register(meters);
    }

    private static double entries(RegistryService registry) {
        Map<String, List<Connection>> partitions = registry.dump();
        return partitions.values().stream().mapToInt(List::size).sum();
    }
}
