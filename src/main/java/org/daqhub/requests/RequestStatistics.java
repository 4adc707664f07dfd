package org.daqhub.requests;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of this hub's request orchestration, for Prometheus ({@code daqhub_requests_<name>_total}). */
public final class RequestStatistics {

    public final AtomicLong submitted = new AtomicLong();
    public final AtomicLong ended = new AtomicLong();
    public final AtomicLong filesQueued = new AtomicLong();
    public final AtomicLong filesRequeued = new AtomicLong();
    public final AtomicLong filesTimedOut = new AtomicLong();
    public final AtomicLong resultsRecorded = new AtomicLong();
    public final AtomicLong resultsDuplicate = new AtomicLong();
    public final AtomicLong reportsRejected = new AtomicLong();

    public Map<String, AtomicLong> byName() {
        Map<String, AtomicLong> m = new LinkedHashMap<>();
        m.put("submitted", submitted);
        m.put("ended", ended);
        m.put("files_queued", filesQueued);
        m.put("files_requeued", filesRequeued);
        m.put("files_timed_out", filesTimedOut);
        m.put("results_recorded", resultsRecorded);
        m.put("results_duplicate", resultsDuplicate);
        m.put("reports_rejected", reportsRejected);
        return m;
    }
}
