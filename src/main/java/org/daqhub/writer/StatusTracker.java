package org.daqhub.writer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * What the REST proxy has heard on the {@code status} exchange, per request and per reporting
 * service, like std_daq's StatusAggregator: a request has ended when the latest action of every
 * service that reported on it is {@code request_success} or {@code request_fail}. Bounded to the
 * most recent requests.
 */
final class StatusTracker {

    /** One request as the proxy sees it. */
    static final class Tracked {
        final String requestId;
        volatile String outputFile;
        volatile BigDecimal initTimestamp;
        /** source -> {action, message}, sorted by source: std_daq reports the alphabetically last. */
        private final TreeMap<String, String[]> services = new TreeMap<>();
        private long sequence;
        private final List<Waiter> waiters = new ArrayList<>();

        Tracked(String requestId, String outputFile, BigDecimal initTimestamp) {
            this.requestId = requestId;
            this.outputFile = outputFile;
            this.initTimestamp = initTimestamp;
        }

        synchronized boolean ended() {
            return !services.isEmpty() && services.values().stream()
                    .allMatch(a -> WriterAgent.SUCCESS.equals(a[0]) || WriterAgent.FAIL.equals(a[0]));
        }

        synchronized long sequence() {
            return sequence;
        }

        /** Latest action of the alphabetically last service (std_daq's answer), or null. */
        synchronized String status() {
            return services.isEmpty() ? null : services.lastEntry().getValue()[0];
        }

        synchronized String message() {
            return services.isEmpty() ? null : services.lastEntry().getValue()[1];
        }

        synchronized Map<String, Map<String, String>> services() {
            Map<String, Map<String, String>> m = new LinkedHashMap<>();
            services.forEach((source, a) -> {
                Map<String, String> e = new LinkedHashMap<>();
                e.put("action", a[0]);
                e.put("message", a[1]);
                m.put(source, e);
            });
            return m;
        }

        private synchronized void update(String source, String action, String message) {
            String[] last = services.get(source);
            if (last != null && WriterAgent.START.equals(action) && !WriterAgent.START.equals(last[0])) {
                return; // a start heard after the service's end (another channel overtook it) changes nothing
            }
            services.put(source, new String[] {action, message});
            sequence++;
            if (ended()) {
                for (Iterator<Waiter> it = waiters.iterator(); it.hasNext();) {
                    Waiter w = it.next();
                    if (sequence > w.after) {
                        w.future.complete(this);
                        it.remove();
                    }
                }
            }
        }

        /** Completes when the request ends with a status heard after sequence {@code after}. */
        synchronized CompletableFuture<Tracked> endAfter(long after) {
            CompletableFuture<Tracked> f = new CompletableFuture<>();
            if (ended() && sequence > after) {
                f.complete(this);
            } else {
                waiters.add(new Waiter(after, f));
            }
            return f;
        }
    }

    private record Waiter(long after, CompletableFuture<Tracked> future) {
    }

    private final Map<String, Tracked> requests;

    StatusTracker(int kept) {
        this.requests = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Tracked> eldest) {
                return size() > kept;
            }
        };
    }

    synchronized Tracked register(String requestId, String outputFile, BigDecimal initTimestamp) {
        Tracked t = new Tracked(requestId, outputFile, initTimestamp);
        requests.put(requestId, t);
        return t;
    }

    synchronized Tracked get(String requestId) {
        return requests.get(requestId);
    }

    /** A status heard on the broker; requests sent by other proxies are tracked from their first status. */
    void onStatus(String requestId, String source, String action, String message, String outputFile,
            BigDecimal initTimestamp) {
        Tracked t;
        synchronized (this) {
            t = requests.computeIfAbsent(requestId, id -> new Tracked(id, outputFile, initTimestamp));
        }
        t.update(source == null ? "" : source, action, message);
    }
}
