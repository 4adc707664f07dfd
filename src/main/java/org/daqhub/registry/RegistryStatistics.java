package org.daqhub.registry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests, failures and time spent per registry endpoint, since start or the last /resetStats. */
public class RegistryStatistics {

    public static final class Endpoint {
        final LongAdder requests = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder nanos = new LongAdder();

        public long requests() {
            return requests.sum();
        }

        public long failures() {
            return failures.sum();
        }

        public double averageMicros() {
            long n = requests.sum();
            return n == 0 ? 0 : nanos.sum() / 1000.0 / n;
        }
    }

    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private volatile Instant since = Instant.now();

    void record(String endpoint, long startedNanos, boolean failed) {
        Endpoint e = endpoints.computeIfAbsent(endpoint, k -> new Endpoint());
        e.requests.increment();
        e.nanos.add(System.nanoTime() - startedNanos);
        if (failed) {
            e.failures.increment();
        }
    }

    public Map<String, Endpoint> endpoints() {
        return new LinkedHashMap<>(new java.util.TreeMap<>(endpoints));
    }

    public Instant since() {
        return since;
    }

    void reset() {
        endpoints.clear();
        since = Instant.now();
    }
}
