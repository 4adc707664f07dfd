package org.daqhub.processors.statistics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The one shape of every step's statistics: counters declared once by name, in the order they are
 * shown. The same names are the keys of the step's {@code /stats} answer ({@link #snapshot()}) and,
 * prefixed, its Prometheus counters ({@code daqhub_<step>_<name>_total}); a name ending in
 * {@value #NANOS} counts nanoseconds and is published in seconds.
 *
 * <p>Declare every counter before the set is read (in field initialisers): the set itself is not
 * meant to change once the step runs.
 */
public final class Counters {

    /** The suffix of counters that hold nanoseconds. */
    public static final String NANOS = "_nanos";

    private final Map<String, Counter> byName = new LinkedHashMap<>();

    /** A counter any thread may add to. */
    public Counter shared(String name) {
        return add(name, new SharedCounter());
    }

    /** A counter only one thread adds to (cheaper on a per-packet path). */
    public Counter singleWriter(String name) {
        return add(name, new SingleWriterCounter());
    }

    private Counter add(String name, Counter counter) {
        if (byName.putIfAbsent(name, counter) != null) {
            throw new IllegalArgumentException("counter " + name + " declared twice");
        }
        return counter;
    }

    /** Every counter's value now, by name, in declaration order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        byName.forEach((name, counter) -> m.put(name, counter.get()));
        return m;
    }

    public void forEach(BiConsumer<String, Counter> action) {
        byName.forEach(action);
    }

    public Map<String, Counter> byName() {
        return Collections.unmodifiableMap(byName);
    }
}
