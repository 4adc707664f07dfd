package org.daqhub.datastore;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.daqhub.capabilities.Capability;
import org.daqhub.capabilities.ConditionalOnCapability;
import org.daqhub.config.DataDirectory;
import org.daqhub.console.ConsoleSection;
import org.daqhub.metrics.CounterMetrics;
import org.daqhub.web.JsonBodies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the datastore under {@code daqhub.datastore.dir} (default: {@code <daqhub.data-dir>/datastore}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnCapability(Capability.DATASTORE)
public class DatastoreConfiguration {

    @Bean(name = "datastore")
    Datastore datastore(DatastoreProperties properties, ObjectMapper json, JsonBodies bodies,
            DataDirectory data) throws IOException {
        return new Datastore(properties.under(data), json, bodies);
    }

    @Bean
    ConsoleSection datastoreConsole(Datastore datastore) {
        return ConsoleSection.of("datastore", false, datastore::console);
    }

    /**
     * {@code daqhub_datastore_<counter>_total} (documents and bytes stored, refused while frozen,
     * invalid, write errors, directory fsyncs), the time requests spent in their file's fsync and
     * waiting for the directory fsync ({@code ..._file_sync_seconds_total},
     * {@code ..._directory_sync_wait_seconds_total}), and the current batch
     * ({@code daqhub_datastore_documents}, {@code _bytes}, {@code _frozen}).
     */
    @Bean
    MeterBinder datastoreMetrics(Datastore datastore) {
        return registry -> {
            CounterMetrics.register(registry, "daqhub.datastore", datastore.statistics(), Tags.empty());
            Gauge.builder("daqhub.datastore.documents", datastore, d -> d.count()).register(registry);
            Gauge.builder("daqhub.datastore.bytes", datastore, d -> d.size()).register(registry);
            Gauge.builder("daqhub.datastore.frozen", datastore, d -> d.state().frozen() ? 1 : 0).register(registry);
        };
    }

    @Bean(name = "datastorePage")
    DatastorePage datastorePage(Datastore datastore) {
        return new DatastorePage(datastore);
    }
}
