package org.daqhub.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.daqhub.metrics.CounterMetrics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The cost of durable commits in the embedded database, when it is on the {@code fsync:} file
 * system: {@code daqhub_database_syncs_total} and {@code daqhub_database_sync_seconds_total}.
 */
@Component
public class DatabaseSyncMetrics implements MeterBinder {

    private final boolean synced;

    public DatabaseSyncMetrics(@Value("${spring.datasource.url:}") String url) {
        this.synced = url.contains(":" + SyncOnWriteFilePath.SCHEME + ":");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!synced) {
            return;
        }
        CounterMetrics.register(registry, "daqhub.database", SyncOnWriteFilePath.STATISTICS, Tags.empty());
    }
}
