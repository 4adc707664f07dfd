package org.daqhub.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.daqhub.web.FormBodies;
import org.daqhub.web.HubException;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The DUNE DAQ connection service's API (routes/registry.yaml calls these methods by name):
 * validates each request completely before touching the store, so a bad request changes nothing
 * and gets a 400 naming the problem (the original hung its server on a missing key).
 */
public class RegistryService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CACHED_PATTERNS = 4096;

    private final ConnectionStore store;
    private final RegistryProperties properties;
    private final RegistryStatistics statistics = new RegistryStatistics();
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    public RegistryService(ConnectionStore store, RegistryProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** POST /publish */
    public String publish(@Body String body) {
        return timed("publish", () -> {
            JsonNode root = object(body);
            String partition = text(root, "partition");
            JsonNode list = root.get("connections");
            if (list == null || list.isNull()) {
                throw HubException.badRequest(
                        "'connections' is missing (a list of {uid, uri, data_type, connection_type[, capacity]})");
            }
            if (!list.isArray()) {
                throw HubException.badRequest("'connections' must be a list");
            }
            long now = System.currentTimeMillis();
            List<Connection> connections = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                Connection c = connection(list.get(i), i, now);
                if (c != null) {
                    connections.add(c);
                }
            }
            statistics.published(partition, store.publish(partition, connections));
            return "OK";
        });
    }

    /** POST or GET /getconnection/{partition} */
    public String getConnection(@Header("partition") String partition, @Body String body) {
        return timed("getconnection", () -> {
            JsonNode root = object(body);
            UidFilter filter = filter(text(root, "uid_regex"), text(root, "data_type"));
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
            JsonNode root = object(body);
            String partition = text(root, "partition");
            JsonNode list = root.get("connections");
            if (list == null || !list.isArray()) {
                throw HubException.badRequest("'connections' is missing or not a list of {connection_id, data_type}");
            }
            List<String> uids = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                if (!item.isObject() || !item.path("connection_id").isTextual()) {
                    throw HubException.badRequest("connections[" + i + "] needs a string 'connection_id'");
                }
                uids.add(item.get("connection_id").asText());
            }
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
            return text(object(trimmed), "partition");
        }
        String value = FormBodies.parse(trimmed).get("partition");
        if (value == null || value.isEmpty()) {
            throw HubException.badRequest("'partition' is missing (form field or JSON key)");
        }
        return value;
    }

    private Connection connection(JsonNode item, int i, long now) {
        if (item == null || !item.isObject()) {
            throw HubException.badRequest("connections[" + i + "] is not an object");
        }
        JsonNode uid = item.get("uid");
        JsonNode uri = item.get("uri");
        if (uid == null || uri == null || uid.isNull() || uri.isNull()) {
            return null; // the original skips items without uid or uri
        }
        String where = "connections[" + i + "]";
        if (!uid.isTextual() || !uri.isTextual()) {
            throw HubException.badRequest(where + ": 'uid' and 'uri' must be strings");
        }
        where += " (uid " + uid.asText() + ")";
        JsonNode dataType = item.get("data_type");
        if (dataType == null || !dataType.isTextual()) {
            throw HubException.badRequest(where + ": 'data_type' is missing or not a string");
        }
        JsonNode type = item.get("connection_type");
        if (type == null || !type.isIntegralNumber() || !type.canConvertToLong()) {
            throw HubException.badRequest(where + ": 'connection_type' is missing or not an integer");
        }
        JsonNode capacity = item.get("capacity");
        if (capacity != null && !capacity.isNull() && (!capacity.isIntegralNumber() || !capacity.canConvertToLong())) {
            throw HubException.badRequest(where + ": 'capacity' must be an integer");
        }
        return new Connection(uid.asText(), uri.asText(), dataType.asText(), type.asLong(),
                capacity == null || capacity.isNull() ? null : capacity.asLong(), now);
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

    private static JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            throw HubException.badRequest("empty body: a JSON object is expected");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new HubException(400, org.daqhub.web.ErrorMessages.malformedJson(e));
        }
        if (root == null || !root.isObject()) {
            throw HubException.badRequest("the body must be a JSON object");
        }
        return root;
    }

    private static String text(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            throw HubException.badRequest("'" + key + "' is missing");
        }
        if (!n.isTextual()) {
            throw HubException.badRequest("'" + key + "' must be a string");
        }
        return n.asText();
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
