package org.daqhub.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.daqhub.web.FormBodies;
import org.daqhub.web.HubException;
import org.daqhub.web.JsonBodies;
import org.daqhub.web.Problem;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The DUNE DAQ connection service's API (routes/registry.yaml calls these methods by name):
 * validates each request completely before touching the store, so a bad request changes nothing
 * and gets a 400 naming the problem (the original hung its server on a missing key).
 */
public class RegistryService {

    /** Errors name the field in quotes: {@code 'partition' is missing}. */
    private static final JsonBodies.Style STYLE = new JsonBodies.Style(Problem.BAD_INPUT, true);
    private static final int MAX_CACHED_PATTERNS = 4096;

    private final ConnectionStore store;
    private final RegistryProperties properties;
    private final RegistryStatistics statistics = new RegistryStatistics();
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();
    private final JsonBodies bodies;

    public RegistryService(ConnectionStore store, RegistryProperties properties, JsonBodies bodies) {
        this.store = store;
        this.properties = properties;
        this.bodies = bodies;
    }

    /** POST /publish */
    public String publish(@Body String body) {
        return timed("publish", () -> {
            PublishRequest request = bodies.read(body, PublishRequest.class, STYLE);
            long now = System.currentTimeMillis();
            List<Connection> connections = new ArrayList<>(request.connections().size());
            for (int i = 0; i < request.connections().size(); i++) {
                PublishRequest.Item item = request.connections().get(i);
                if (item == null) {
                    throw HubException.badRequest("connections[" + i + "] is not an object");
                }
                if (item.skipped()) {
                    continue; // the original skips items without uid or uri
                }
                bodies.check(item, "connections[" + i + "]", STYLE);
                connections.add(new Connection(item.uid(), item.uri(), item.dataType(), item.connectionType(),
                        item.capacity(), now));
            }
            statistics.published(request.partition(), store.publish(request.partition(), connections));
            return "OK";
        });
    }

    /** POST or GET /getconnection/{partition} */
    public String getConnection(@Header("partition") String partition, @Body String body) {
        return timed("getconnection", () -> {
            LookupRequest request = bodies.read(body, LookupRequest.class, STYLE);
            UidFilter filter = filter(request.uidRegex(), request.dataType());
            List<Connection> found = store.lookup(partition, filter,
                    System.currentTimeMillis() - properties.entryTtl().toMillis());
            if (found == null) {
                throw HubException.notFound("partition " + partition + " not found");
            }
            StringBuilder out = new StringBuilder(64 + found.size() * 128).append('[');
            for (int i = 0; i < found.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                found.get(i).appendJson(out);
            }
            return out.append(']').toString();
        });
    }

    /** POST /retract */
    public String retract(@Body String body) {
        return timed("retract", () -> {
            RetractRequest request = bodies.read(body, RetractRequest.class, STYLE);
            String partition = request.partition();
            List<String> uids = request.connections().stream().map(RetractRequest.Item::connectionId).toList();
            ConnectionStore.RetractResult result = store.retract(partition, uids);
            if (result == null) {
                throw HubException.notFound("partition " + partition + " not found");
            }
            if (!result.unknown().isEmpty()) {
                throw HubException.notFound("not found in partition " + partition + ": "
                        + String.join(", ", result.unknown()) + " (the other " + result.removed()
                        + " connection(s) were retracted)");
            }
            return "OK";
        });
    }

    /** POST /retract-partition: form {@code partition=...} (seed) or JSON {@code {"partition": ...}} (drunc). */
    public String retractPartition(@Header("partition") String formValue, @Body String body) {
        return timed("retract-partition", () -> {
            String partition = formValue;
            if (partition == null || partition.isEmpty()) {
                partition = partitionFromBody(body);
            }
            if (!store.retractPartition(partition)) {
                throw HubException.notFound("partition " + partition + " not found");
            }
            return "OK";
        });
    }

    /** Forgets every partition (GET /resetService, with the statistics: RegistryPages). */
    public void clearPartitions() {
        store.clear();
    }

    /** Starts the statistics again (GET /resetStats: RegistryPages answers them first). */
    public void resetStats() {
        statistics.reset();
    }

    public RegistryStatistics statistics() {
        return statistics;
    }

    /** For the operator console: entries per partition and the calls per endpoint. */
    public Map<String, Object> console() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        Map<String, Integer> partitions = new java.util.TreeMap<>();
        dump().forEach((partition, entries) -> partitions.put(partition, entries.size()));
        m.put("partitions", partitions);
        m.put("entries", partitions.values().stream().mapToInt(Integer::intValue).sum());
        Map<String, Object> calls = new java.util.LinkedHashMap<>();
        statistics.endpoints().forEach((name, e) -> calls.put(name, Map.of("requests", e.requests(),
                "failed", e.failures(), "mean_us", Math.round(e.averageMicros() * 10) / 10.0)));
        m.put("calls", calls);
        m.put("since", statistics.since().toString());
        return m;
    }

    public Map<String, List<Connection>> dump() {
        return store.dump();
    }

    public long entryTtlMillis() {
        return properties.entryTtl().toMillis();
    }

    /** Expired entries are kept for {@code purge-after} (the status page strikes them through), then deleted. */
    @Scheduled(fixedDelayString = "${daqhub.registry.purge-interval}")
    public void purgeExpired() {
        store.purgeOlderThan(System.currentTimeMillis() - properties.entryTtl().toMillis()
                - properties.purgeAfter().toMillis());
    }

    private String partitionFromBody(String body) {
        if (body == null || body.isBlank()) {
            throw HubException.badRequest("'partition' is missing (form field or JSON key)");
        }
        String trimmed = body.trim();
        if (trimmed.startsWith("{")) {
            return bodies.read(trimmed, PartitionRequest.class, STYLE).partition();
        }
        String value = FormBodies.parse(trimmed).get("partition");
        if (value == null || value.isEmpty()) {
            throw HubException.badRequest("'partition' is missing (form field or JSON key)");
        }
        return value;
    }

    private UidFilter filter(String regex, String dataType) {
        Pattern pattern = patterns.get(regex);
        if (pattern == null) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw HubException.badRequest("invalid uid_regex: " + e.getMessage());
            }
            if (patterns.size() >= MAX_CACHED_PATTERNS) {
                patterns.clear();
            }
            patterns.put(regex, pattern);
        }
        return UidFilter.of(pattern, regex, dataType, properties.matchMode() == RegistryProperties.MatchMode.FULL);
    }

    private String timed(String endpoint, Supplier<String> action) {
        long started = System.nanoTime();
        boolean failed = true;
        try {
            String result = action.get();
            failed = false;
            return result;
        } finally {
            statistics.record(endpoint, started, failed);
        }
    }
}
