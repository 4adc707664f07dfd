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

    private final String[] names;
    private final Counter[] counters;
    /** What the counters held at the last {@link #reset()}; replaced whole, never changed in place. */
    private volatile long[] baseline;

    private Counters(Class<K> keys, Supplier<Counter> kind) {
        K[] constants = keys.getEnumConstants();
        this.names = new String[constants.length];
        this.counters = new Counter[constants.length];
        for (int i = 0; i < counters.length; i++) {
            names[i] = name(constants[i]);
            counters[i] = kind.get();
        }
        this.baseline = new long[counters.length];
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

    /** The count since start (what the step's own logic reads; a {@link #reset()} does not change it). */
    public long get(K key) {
        return counters[key.ordinal()].get();
    }

    /** One counter, for code that only ever adds to that one. */
    public Counter counter(K key) {
        return counters[key.ordinal()];
    }

    /** Every count since start or the last {@link #reset()}, by name, in declaration order. */
    public Map<String, Long> snapshot() {
        long[] since = baseline;
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < counters.length; i++) {
            m.put(names[i], counters[i].get() - since[i]);
        }
        return m;
    }

    /**
     * Starts the counts of {@link #snapshot()} again. The counters themselves never go back (neither
     * the step's logic nor Prometheus counters may see them fall), so any thread may reset while the
     * writer counts.
     */
    public void reset() {
        long[] now = new long[counters.length];
        for (int i = 0; i < now.length; i++) {
            now[i] = counters[i].get();
        }
        baseline = now;
    }

    /** Every counter by name, as it counted since start (for Prometheus). */
    public void forEach(BiConsumer<String, Counter> action) {
        for (int i = 0; i < counters.length; i++) {
            action.accept(names[i], counters[i]);
        }
    }

    private static String name(Enum<?> key) {
        return key.name().toLowerCase(Locale.ROOT);
    }
}
