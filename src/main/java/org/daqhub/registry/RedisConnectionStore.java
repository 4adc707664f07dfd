package org.daqhub.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The registry in Redis, shared by every hub replica that points at it. Each operation is one Lua
 * script, so it is atomic (a lookup sees a batch publish whole or not at all) and costs one round
 * trip. Per partition: a hash uid -> entry JSON, a hash uid -> data_type, a sorted set keeping
 * insertion order, and a version (from a global sequence) that changes only when uids come or go
 * or change data_type.
 * Each hub caches the uid list and its regex matches per version, so a lookup in a partition of
 * thousands of connections fetches only the entries that match; heartbeats do not invalidate it.
 */
public class RedisConnectionStore implements ConnectionStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringRedisTemplate redis;
    private final String prefix;
    private final RedisScript<List> publish = script("publish.lua", List.class);
    private final RedisScript<List> lookup = script("lookup.lua", List.class);
    private final RedisScript<List> retract = script("retract.lua", List.class);
    private final RedisScript<Long> retractPartition = script("retract-partition.lua", Long.class);
    private final RedisScript<Long> purge = script("purge.lua", Long.class);
    private final Map<String, CachedPartition> cache = new ConcurrentHashMap<>();

    /** A partition's uids and data types as of one version, and the matches computed on them. */
    private record CachedPartition(String version, List<String> uids, List<String> dataTypes,
            Map<String, List<String>> matches) {

        List<String> matching(UidFilter filter) {
            return matches.computeIfAbsent(filter.key(), k -> {
                List<String> m = new ArrayList<>();
                for (int i = 0; i < uids.size(); i++) {
                    if (filter.matches(uids.get(i), dataTypes.get(i))) {
                        m.add(uids.get(i));
                    }
                }
                return m;
            });
        }
    }

    public RedisConnectionStore(StringRedisTemplate redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public Sizes publish(String partition, List<Connection> connections) {
        List<String> args = new ArrayList<>(1 + 3 * connections.size());
        args.add(partition);
        for (Connection c : connections) {
            args.add(c.uid());
            args.add(c.dataType());
            args.add(encode(c));
        }
        List<?> sizes = redis.execute(publish, keys(partition), args.toArray());
        return new Sizes(((Number) sizes.get(0)).intValue(), ((Number) sizes.get(1)).intValue());
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Connection> lookup(String partition, UidFilter filter, long notBeforeMillis) {
        CachedPartition cached = cache.get(partition);
        List<String> wanted = cached != null ? cached.matching(filter) : List.of();
        List<String> args = new ArrayList<>(2 + wanted.size());
        args.add(partition);
        args.add(cached != null ? cached.version() : "");
        args.addAll(wanted);
        List<Object> reply = redis.execute(lookup, keys(partition), args.toArray());
        long kind = (Long) reply.get(0);
        if (kind < 0) {
            cache.remove(partition);
            return null;
        }
        Map<String, String> entries;
        if (kind == 0) {
            List<String> uids = (List<String>) reply.get(2);
            List<String> dataTypes = (List<String>) reply.get(3);
            List<String> all = (List<String>) reply.get(4);
            cached = new CachedPartition((String) reply.get(1), uids, dataTypes, new ConcurrentHashMap<>());
            cache.put(partition, cached);
            wanted = cached.matching(filter);
            entries = new HashMap<>();
            for (int i = 0; i < uids.size(); i++) {
                entries.put(uids.get(i), all.get(i));
            }
        } else {
            List<String> values = (List<String>) reply.get(2);
            entries = new HashMap<>();
            for (int i = 0; i < wanted.size(); i++) {
                entries.put(wanted.get(i), values.get(i));
            }
        }
        List<Connection> result = new ArrayList<>(wanted.size());
        for (String uid : wanted) {
            String json = entries.get(uid);
            if (json != null) {
                Connection c = decode(uid, filter.dataType(), json);
                if (c.publishedMillis() >= notBeforeMillis) {
                    result.add(c);
                }
            }
        }
        return result;
    }

    @Override
    @SuppressWarnings("unchecked")
    public RetractResult retract(String partition, Collection<String> uids) {
        List<String> args = new ArrayList<>(uids.size() + 1);
        args.add(partition);
        args.addAll(uids);
        List<Object> reply = redis.execute(retract, keys(partition), args.toArray());
        if ((Long) reply.get(0) < 0) {
            return null;
        }
        return new RetractResult(((Long) reply.get(0)).intValue(), List.copyOf((List<String>) reply.get(1)));
    }

    @Override
    public boolean retractPartition(String partition) {
        return redis.execute(retractPartition, keys(partition), partition) == 1L;
    }

    @Override
    public Map<String, List<Connection>> dump() {
        Map<String, List<Connection>> out = new TreeMap<>();
        for (String partition : partitions()) {
            List<String> k = keys(partition);
            List<String> uids = new ArrayList<>(redis.opsForZSet().range(k.get(2), 0, -1));
            if (uids.isEmpty()) {
                out.put(partition, List.of());
                continue;
            }
            List<Object> entries = redis.opsForHash().multiGet(k.get(1), new ArrayList<>(uids));
            List<Object> types = redis.opsForHash().multiGet(k.get(3), new ArrayList<>(uids));
            List<Connection> list = new ArrayList<>();
            for (int i = 0; i < uids.size(); i++) {
                if (entries.get(i) != null && types.get(i) != null) {
                    list.add(decode(uids.get(i), (String) types.get(i), (String) entries.get(i)));
                }
            }
            out.put(partition, list);
        }
        return out;
    }

    @Override
    public int purgeOlderThan(long olderThanMillis) {
        int purged = 0;
        for (String partition : partitions()) {
            Long n = redis.execute(purge, keys(partition), partition, Long.toString(olderThanMillis));
            purged += n == null ? 0 : n.intValue();
        }
        return purged;
    }

    @Override
    public void clear() {
        for (String partition : partitions()) {
            retractPartition(partition);
        }
        cache.clear();
    }

    private Collection<String> partitions() {
        var members = redis.opsForSet().members(prefix + "partitions");
        return members == null ? List.of() : members;
    }

    private List<String> keys(String partition) {
        String p = prefix + "p:" + partition + ":";
        List<String> keys = new ArrayList<>(7);
        keys.add(prefix + "partitions");
        keys.add(p + "e");
        keys.add(p + "o");
        keys.add(p + "d");
        keys.add(p + "v");
        keys.add(prefix + "seq");
        return keys;
    }

    private static String encode(Connection c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("u", c.uri());
        n.put("c", c.connectionType());
        if (c.capacity() != null) {
            n.put("k", c.capacity());
        }
        n.put("t", c.publishedMillis());
        return n.toString();
    }

    private static Connection decode(String uid, String dataType, String json) {
        try {
            JsonNode n = JSON.readTree(json);
            return new Connection(uid, n.get("u").asText(), dataType, n.get("c").asLong(),
                    n.has("k") ? n.get("k").asLong() : null, n.get("t").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt registry entry for " + uid, e);
        }
    }

    /**
     * The script's text, read once. A script made from a resource location asks the resource on
     * every call whether it changed (a jar entry lookup) and may hash it again: 12% of a lookup.
     */
    private static <T> RedisScript<T> script(String name, Class<T> type) {
        try (InputStream in = new ClassPathResource("registry/" + name).getInputStream()) {
            return RedisScript.of(new String(in.readAllBytes(), StandardCharsets.UTF_8), type);
        } catch (IOException e) {
            throw new UncheckedIOException("registry script " + name + " missing from the jar", e);
        }
    }
}
