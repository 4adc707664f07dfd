package org.daqhub.processors.filewriter;

import org.daqhub.processors.statistics.Counter;
import org.daqhub.processors.statistics.Counters;

/** What a detector's writer has done since start, for /write/stats and Prometheus ({@code daqhub_writer_*}). */
public final class WriterStatistics {

    private final Counters counters = new Counters();

    public final Counter requestsSucceeded = counters.shared("requests_succeeded");
    public final Counter requestsKilled = counters.shared("requests_killed");
    public final Counter requestsFailed = counters.shared("requests_failed");
    public final Counter imagesWritten = counters.shared("images_written");
    public final Counter imagesLost = counters.shared("images_lost");
    public final Counter imagesMissing = counters.shared("images_missing");
    public final Counter bytesWritten = counters.shared("bytes_written");
    public final Counter filesWritten = counters.shared("files_written");

    public Counters counters() {
        return counters;
    }
}
