package org.daqhub.processors.statistics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The one shape of every step's statistics: an enum names the step's counters, in the order they
 * are shown; a constant's lower-case name is the key in the step's {@code /stats} answer
 * ({@link #snapshot()}) and, prefixed, its Prometheus counter ({@code daqhub_<step>_<name>_total}).
 * A name ending in {@value #NANOS} counts nanoseconds and is published in seconds.
 *
 * @param <K> the enum of the step's counters
 */
public final class Counters<K extends Enum<K>> {

    /** The suffix of counters that hold nanoseconds. */
    public static final String NANOS = "_nanos";

    private final K[] keys;
    private final Counter[] counters;

    private Counters(Class<K> keys, Supplier<Counter> kind) {
        this.keys = keys.getEnumConstants();
        this.counters = new Counter[this.keys.length];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = kind.get();
        }
    }

    /** Counters any thread may add to. */
    public static <K extends Enum<K>> Counters<K> shared(Class<K> keys) {
        return new Counters<>(keys, SharedCounter::new);
    }

    /** Counters only one thread adds to (cheaper on a per-packet path). */
    public static <K extends Enum<K>> Counters<K> singleWriter(Class<K> keys) {
        return new Counters<>(keys, SingleWriterCounter::new);
    }

    public void increment(K key) {
        counters[key.ordinal()].increment();
    }

    public void add(K key, long n) {
        counters[key.ordinal()].add(n);
    }

    public long get(K key) {
        return counters[key.ordinal()].get();
    }

    /** One counter, for code that only ever adds to that one. */
    public Counter counter(K key) {
        return counters[key.ordinal()];
    }

    /** Every counter's value now, by name, in declaration order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        forEach((name, counter) -> m.put(name, counter.get()));
        return m;
    }

    public void forEach(BiConsumer<String, Counter> action) {
        for (K key : keys) {
            action.accept(name(key), counters[key.ordinal()]);
        }
    }

    public static String name(Enum<?> key) {
        return key.name().toLowerCase(Locale.ROOT);
    }
}
