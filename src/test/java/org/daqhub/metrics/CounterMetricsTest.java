package org.daqhub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.daqhub.processors.statistics.Counter;
import org.daqhub.processors.statistics.Counters;
import org.junit.jupiter.api.Test;

class CounterMetricsTest {

    @Test
    void everyCounterIsPublishedUnderThePrefixAndNanosecondsInSeconds() {
        Counters counters = new Counters();
        Counter stored = counters.shared("documents_stored");
        Counter waited = counters.shared("file_sync" + Counters.NANOS);
        stored.add(3);
        waited.add(1_500_000_000L);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        CounterMetrics.register(registry, "daqhub.datastore", counters, Tags.of("detector", "d"));

        assertThat(registry.get("daqhub.datastore.documents.stored").tag("detector", "d").functionCounter().count())
                .isEqualTo(3.0);
        assertThat(registry.get("daqhub.datastore.file.sync.seconds").functionCounter().count()).isEqualTo(1.5);
        stored.increment();
        assertThat(registry.get("daqhub.datastore.documents.stored").functionCounter().count()).isEqualTo(4.0);
    }
}
