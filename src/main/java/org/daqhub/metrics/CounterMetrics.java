package org.daqhub.metrics;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.daqhub.processors.statistics.Counter;
import org.daqhub.processors.statistics.Counters;

/**
 * Publishes a step's {@link Counters} as Prometheus counters {@code <prefix>_<name>_total}; a
 * counter of nanoseconds ({@code <name>_nanos}) as {@code <prefix>_<name>_seconds_total}. Every
 * capability's metrics bean uses this, so a counter added to a statistics class is published
 * without further code (its HELP text goes in {@code metrics/help.properties}).
 */
public final class CounterMetrics {

    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private CounterMetrics() {
    }

    public static void register(MeterRegistry registry, String prefix, Counters<?> counters, Tags tags) {
        counters.forEach((name, counter) -> {
            if (name.endsWith(Counters.NANOS)) {
                String seconds = name.substring(0, name.length() - Counters.NANOS.length()) + "_seconds";
                FunctionCounter.builder(meterName(prefix, seconds), counter, c -> c.get() / NANOS_PER_SECOND)
                        .tags(tags).register(registry);
            } else {
                FunctionCounter.builder(meterName(prefix, name), counter, Counter::get).tags(tags).register(registry);
            }
        });
    }

    private static String meterName(String prefix, String name) {
        return prefix + "." + name.replace('_', '.');
    }
}
