package org.daqhub.datastore;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.daqhub.capabilities.Capability;
import org.daqhub.capabilities.ConditionalOnCapability;
import org.daqhub.metrics.CounterMetrics;
import org.springframework.stereotype.Component;

/**
 * The datastore in /actuator/prometheus: {@code daqhub_datastore_<counter>_total} (documents and
 * bytes stored, refused while frozen, invalid, write errors, directory fsyncs), the time requests
 * spent in their file's fsync and waiting for the directory fsync
 * ({@code daqhub_datastore_file_sync_seconds_total}, {@code ..._directory_sync_wait_seconds_total}),
 * and the current batch ({@code daqhub_datastore_documents}, {@code _bytes}, {@code _frozen}).
 */
@Component
@ConditionalOnCapability(Capability.DATASTORE)
public class DatastoreMetrics implements MeterBinder {

    private final Datastore datastore;

    public DatastoreMetrics(Datastore datastore) {
        this.datastore = datastore;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        DatastoreStatistics statistics = datastore.statistics();
        CounterMetrics.register(registry, "daqhub.datastore", statistics.counts(), Tags.empty());
        statistics.nanos().forEach((name, nanos) -> FunctionCounter
                .builder("daqhub.datastore." + name.replace('_', '.') + ".seconds", nanos,
                        n -> n.get() / (double) TimeUnit.SECONDS.toNanos(1))
                .register(registry));
        Gauge.builder("daqhub.datastore.documents", datastore, d -> d.count()).register(registry);
        Gauge.builder("daqhub.datastore.bytes", datastore, d -> d.size()).register(registry);
        Gauge.builder("daqhub.datastore.frozen", datastore, d -> d.state().frozen() ? 1 : 0).register(registry);
    }
}
