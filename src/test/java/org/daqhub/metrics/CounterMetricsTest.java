package org.daqhub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.daqhub.processors.statistics.Counters;
import org.junit.jupiter.api.Test;

class CounterMetricsTest {

    enum Example {
        DOCUMENTS_STORED, FILE_SYNC_NANOS
    }

    @Test
    void everyCounterIsPublishedUnderThePrefixAndNanosecondsInSeconds() {
        Counters<Example> counters = Counters.shared(Example.class);
        counters.add(Example.DOCUMENTS_STORED, 3);
        counters.add(Example.FILE_SYNC_NANOS, 1_500_000_000L);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        CounterMetrics.register(registry, "daqhub.datastore", counters, Tags.of("detector", "d"));

        assertThat(registry.get("daqhub.datastore.documents.stored").tag("detector", "d").functionCounter().count())
                .isEqualTo(3.0);
        assertThat(registry.get("daqhub.datastore.file.sync.seconds").functionCounter().count()).isEqualTo(1.5);
        counters.increment(Example.DOCUMENTS_STORED);
        assertThat(registry.get("daqhub.datastore.documents.stored").functionCounter().count()).isEqualTo(4.0);
    }
}
