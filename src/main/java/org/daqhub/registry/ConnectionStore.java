package org.daqhub.registry;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where the registry keeps its partitions: in memory (one hub) or in Redis (hub replicas share
 * one view). Every operation is atomic with respect to the others: a lookup sees a published batch
 * whole or not at all.
 */
public interface ConnectionStore {

    /**
     * Merges connections into a partition (created if missing, even for an empty list): a uid
     * already there is overwritten in place (its position kept, its time refreshed), new ones
     * are appended.
     *
     * @return how many partitions there are and how many entries this one has, afterwards (for the
     *         original's "maximum" statistics)
     */
    Sizes publish(String partition, List<Connection> connections);

    /** Matching connections published at or after {@code notBeforeMillis}, in insertion order; null if no such partition. */
    List<Connection> lookup(String partition, UidFilter filter, long notBeforeMillis);

    /** Removes the given uids; null if no such partition. The partition goes when it is empty. */
    RetractResult retract(String partition, Collection<String> uids);

    /** Removes a partition; false if there was none. */
    boolean retractPartition(String partition);

    /** Everything, expired entries included, for the status page. */
    Map<String, List<Connection>> dump();

    /** Deletes entries published before {@code olderThanMillis}; returns how many. */
    int purgeOlderThan(long olderThanMillis);

    void clear();

    /** Partitions in the store and entries in the partition just published to. */
    record Sizes(int partitions, int entries) {
    }

    /** @param unknown uids that were not in the partition (the others were removed) */
    record RetractResult(int removed, List<String> unknown) {
    }
}
