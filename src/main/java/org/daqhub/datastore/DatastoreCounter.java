package org.daqhub.datastore;

/**
 * Counters of the datastore, for Prometheus ({@code daqhub_datastore_*}). The two sync times show
 * where a {@code /streamdata} request waits: for its own file's fsync, or for the directory fsync
 * that makes its rename durable ({@code directory_syncs} against {@code documents_stored} shows
 * how many requests each one served with group commit).
 */
public enum DatastoreCounter {
    DOCUMENTS_STORED, BYTES_STORED, DOCUMENTS_REFUSED_FROZEN, DOCUMENTS_INVALID, WRITE_ERRORS,
    DIRECTORY_SYNCS, FILE_SYNC_NANOS, DIRECTORY_SYNC_WAIT_NANOS
}
