package org.daqhub.registry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests, failures and time spent per registry endpoint, and the original service's maxima
 * (partitions active at once, entries per partition), since start or the last /resetStats.
 */
public class RegistryStatistics {

    public static final class Endpoint {
        final LongAdder requests = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAdder succeededNanos = new LongAdder();

        public long requests() {
            return requests.sum();
        }

        public long failures() {
            return failures.sum();
        }

        /** Calls that succeeded: what the original counts as "calls to publish" (or lookup). */
        public long succeeded() {
            return requests.sum() - failures.sum();
        }

        /** Time spent in the calls that succeeded. */
        public long succeededNanos() {
            return succeededNanos.sum();
        }

        public double averageMicros() {
            long n = requests.sum();
            return n == 0 ? 0 : nanos.sum() / 1000.0 / n;
        }
    }

    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final AtomicInteger maxPartitions = new AtomicInteger();
    private final Map<String, Integer> maxEntries = new ConcurrentHashMap<>();
    private volatile Instant since = Instant.now();

    void record(String endpoint, long startedNanos, boolean failed) {
        Endpoint e = endpoints.computeIfAbsent(endpoint, k -> new Endpoint());
        long spent = System.nanoTime() - startedNanos;
        e.requests.increment();
        e.nanos.add(spent);
        if (failed) {
            e.failures.increment();
        } else {
            e.succeededNanos.add(spent);
        }
    }

    /** After a publish to {@code partition}: keeps the maxima the original's page shows. */
    void published(String partition, ConnectionStore.Sizes sizes) {
        maxPartitions.accumulateAndGet(sizes.partitions(), Math::max);
        maxEntries.merge(partition, sizes.entries(), Math::max);
    }

    public Map<String, Endpoint> endpoints() {
        return new LinkedHashMap<>(new TreeMap<>(endpoints));
    }

    public Endpoint endpoint(String name) {
        return endpoints.getOrDefault(name, new Endpoint());
    }

    public int maxPartitions() {
        return maxPartitions.get();
    }

    /** The most entries each partition published to since the reset had, by partition name. */
    public Map<String, Integer> maxEntries() {
        return new TreeMap<>(maxEntries);
    }

    public Instant since() {
        return since;
    }

    void reset() {
        endpoints.clear();
        maxPartitions.set(0);
        maxEntries.clear();
        since = Instant.now();
    }
}
