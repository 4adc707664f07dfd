package org.daqhub.datastore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of the datastore, for Prometheus ({@code daqhub_datastore_*}). The two sync times show
 * where a {@code /streamdata} request waits: for its own file's fsync, or for the directory fsync
 * that makes its rename durable ({@code directory_syncs} against {@code documents_stored} shows
 * how many requests each one served with group commit).
 */
final class DatastoreStatistics {

    final AtomicLong documentsStored = new AtomicLong();
    final AtomicLong bytesStored = new AtomicLong();
    final AtomicLong documentsRefusedFrozen = new AtomicLong();
    final AtomicLong documentsInvalid = new AtomicLong();
    final AtomicLong writeErrors = new AtomicLong();
    final AtomicLong directorySyncs = new AtomicLong();
    final AtomicLong fileSyncNanos = new AtomicLong();
    final AtomicLong directorySyncNanos = new AtomicLong();

    /** Counters, by the name that follows {@code daqhub_datastore_}. */
    Map<String, AtomicLong> counts() {
        Map<String, AtomicLong> m = new LinkedHashMap<>();
        m.put("documents_stored", documentsStored);
        m.put("bytes_stored", bytesStored);
        m.put("documents_refused_frozen", documentsRefusedFrozen);
        m.put("documents_invalid", documentsInvalid);
        m.put("write_errors", writeErrors);
        m.put("directory_syncs", directorySyncs);
        return m;
    }

    /** Times in nanoseconds, published in seconds. */
    Map<String, AtomicLong> nanos() {
        Map<String, AtomicLong> m = new LinkedHashMap<>();
        m.put("file_sync", fileSyncNanos);
        m.put("directory_sync_wait", directorySyncNanos);
        return m;
    }
}
