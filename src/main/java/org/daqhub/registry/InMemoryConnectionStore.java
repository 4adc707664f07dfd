package org.daqhub.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The registry in this JVM. Each partition has its own read-write lock, so a batch publish is
 * atomic for lookups, and lookups run in parallel. Which uids match a lookup's criteria is cached
 * per partition until a uid is added or removed or changes data_type: heartbeats (re-publishing
 * the same uids) keep the cache, so a lookup in a partition of thousands of connections costs a
 * map access and the TTL check of the few that match.
 */
public class InMemoryConnectionStore implements ConnectionStore {

    private static final int MAX_CACHED_FILTERS = 1024;

    private final Map<String, Partition> partitions = new ConcurrentHashMap<>();

    private static final class Partition {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        final LinkedHashMap<String, Connection> entries = new LinkedHashMap<>();
        final Map<String, List<String>> matches = new ConcurrentHashMap<>();
        boolean removed;
    }

    @Override
    public Sizes publish(String partition, List<Connection> connections) {
        while (true) {
            Partition p = partitions.computeIfAbsent(partition, k -> new Partition());
            p.lock.writeLock().lock();
            try {
                if (p.removed) {
                    continue; // retracted concurrently: publish into a fresh partition
                }
                boolean structural = false;
                for (Connection c : connections) {
                    Connection old = p.entries.put(c.uid(), c);
                    structural |= old == null || !old.dataType().equals(c.dataType());
                }
                if (structural) {
                    p.matches.clear();
                }
                return new Sizes(partitions.size(), p.entries.size());
            } finally {
                p.lock.writeLock().unlock();
            }
        }
    }

    @Override
    public List<Connection> lookup(String partition, UidFilter filter, long notBeforeMillis) {
        Partition p = partitions.get(partition);
        if (p == null) {
            return null;
        }
        p.lock.readLock().lock();
        try {
            if (p.removed) {
                return null;
            }
            List<String> uids = p.matches.get(filter.key());
            if (uids == null) {
                uids = new ArrayList<>();
                for (Connection c : p.entries.values()) {
                    if (filter.matches(c.uid(), c.dataType())) {
                        uids.add(c.uid());
                    }
                }
                if (p.matches.size() >= MAX_CACHED_FILTERS) {
                    p.matches.clear();
                }
                p.matches.put(filter.key(), uids);
            }
            List<Connection> result = new ArrayList<>(uids.size());
            for (String uid : uids) {
                Connection c = p.entries.get(uid);
                if (c != null && c.publishedMillis() >= notBeforeMillis) {
                    result.add(c);
                }
            }
            return result;
        } finally {
            p.lock.readLock().unlock();
        }
    }

    @Override
    public RetractResult retract(String partition, Collection<String> uids) {
        Partition p = partitions.get(partition);
        if (p == null) {
            return null;
        }
        p.lock.writeLock().lock();
        try {
            if (p.removed) {
                return null;
            }
            int removed = 0;
            List<String> unknown = new ArrayList<>();
            for (String uid : uids) {
                if (p.entries.remove(uid) != null) {
                    removed++;
                } else {
                    unknown.add(uid);
                }
            }
            if (removed > 0) {
                p.matches.clear();
            }
            if (p.entries.isEmpty()) {
                p.removed = true;
                partitions.remove(partition, p);
            }
            return new RetractResult(removed, unknown);
        } finally {
            p.lock.writeLock().unlock();
        }
    }

    @Override
    public boolean retractPartition(String partition) {
        Partition p = partitions.remove(partition);
        if (p == null) {
            return false;
        }
        p.lock.writeLock().lock();
        try {
            p.removed = true;
        } finally {
            p.lock.writeLock().unlock();
        }
        return true;
    }

    @Override
    public Map<String, List<Connection>> dump() {
        Map<String, List<Connection>> out = new TreeMap<>();
        partitions.forEach((name, p) -> {
            p.lock.readLock().lock();
            try {
                out.put(name, List.copyOf(p.entries.values()));
            } finally {
                p.lock.readLock().unlock();
            }
        });
        return out;
    }

    @Override
    public int purgeOlderThan(long olderThanMillis) {
        int purged = 0;
        for (Map.Entry<String, Partition> e : partitions.entrySet()) {
            Partition p = e.getValue();
            p.lock.writeLock().lock();
            try {
                int here = 0;
                for (Iterator<Connection> it = p.entries.values().iterator(); it.hasNext(); ) {
                    if (it.next().publishedMillis() < olderThanMillis) {
                        it.remove();
                        here++;
                    }
                }
                if (here == 0) {
                    continue;
                }
                purged += here;
                p.matches.clear();
                if (p.entries.isEmpty() && !p.removed) {
                    p.removed = true;
                    partitions.remove(e.getKey(), p);
                }
            } finally {
                p.lock.writeLock().unlock();
            }
        }
        return purged;
    }

    @Override
    public void clear() {
        for (String name : new ArrayList<>(partitions.keySet())) {
            retractPartition(name);
        }
    }
}
