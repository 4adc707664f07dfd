package org.daqhub.metrics;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** Registers named counters (statistics kept as AtomicLongs) as Prometheus counters {@code <prefix>_<name>_total}. */
public final class CounterMetrics {

    private CounterMetrics() {
    }

    public static void register(MeterRegistry registry, String prefix, Map<String, AtomicLong> counters, Tags tags) {
        counters.forEach((name, counter) -> FunctionCounter
                .builder(prefix + "." + name.replace('_', '.'), counter, AtomicLong::get).tags(tags).register(registry));
    }
}
