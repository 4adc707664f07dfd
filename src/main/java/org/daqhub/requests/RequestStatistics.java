package org.daqhub.requests;

import org.daqhub.processors.statistics.Counter;
import org.daqhub.processors.statistics.Counters;

/** Counters of this hub's request orchestration, for Prometheus ({@code daqhub_requests_<name>_total}). */
public final class RequestStatistics {

    private final Counters counters = new Counters();

    public final Counter submitted = counters.shared("submitted");
    public final Counter ended = counters.shared("ended");
    public final Counter filesQueued = counters.shared("files_queued");
    public final Counter filesRequeued = counters.shared("files_requeued");
    public final Counter filesTimedOut = counters.shared("files_timed_out");
    public final Counter resultsRecorded = counters.shared("results_recorded");
    public final Counter resultsDuplicate = counters.shared("results_duplicate");
    public final Counter reportsRejected = counters.shared("reports_rejected");

    public Counters counters() {
        return counters;
    }
}
