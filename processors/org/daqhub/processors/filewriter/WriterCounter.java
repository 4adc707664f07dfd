package org.daqhub.processors.filewriter;

/** What a detector's writer has done since start, for /write/stats and Prometheus ({@code daqhub_writer_*}). */
public enum WriterCounter {
    REQUESTS_SUCCEEDED, REQUESTS_KILLED, REQUESTS_FAILED, IMAGES_WRITTEN, IMAGES_LOST, IMAGES_MISSING,
    BYTES_WRITTEN, FILES_WRITTEN
}
