package org.daqhub.datastore;

import org.daqhub.processors.statistics.Counter;
import org.daqhub.processors.statistics.Counters;

/**
 * Counters of the datastore, for Prometheus ({@code daqhub_datastore_*}). The two sync times show
 * where a {@code /streamdata} request waits: for its own file's fsync, or for the directory fsync
 * that makes its rename durable ({@code directory_syncs} against {@code documents_stored} shows
 * how many requests each one served with group commit).
 */
final class DatastoreStatistics {

    private final Counters counters = new Counters();

    final Counter documentsStored = counters.shared("documents_stored");
    final Counter bytesStored = counters.shared("bytes_stored");
    final Counter documentsRefusedFrozen = counters.shared("documents_refused_frozen");
    final Counter documentsInvalid = counters.shared("documents_invalid");
    final Counter writeErrors = counters.shared("write_errors");
    final Counter directorySyncs = counters.shared("directory_syncs");
    final Counter fileSyncNanos = counters.shared("file_sync" + Counters.NANOS);
    final Counter directorySyncNanos = counters.shared("directory_sync_wait" + Counters.NANOS);

    Counters counters() {
        return counters;
    }
}
