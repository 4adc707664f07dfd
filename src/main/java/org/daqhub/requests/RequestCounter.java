package org.daqhub.requests;

/** Counters of this hub's request orchestration, for Prometheus ({@code daqhub_requests_<name>_total}). */
public enum RequestCounter {
    SUBMITTED, ENDED, FILES_QUEUED, FILES_REQUEUED, FILES_TIMED_OUT, RESULTS_RECORDED,
    RESULTS_DUPLICATE, REPORTS_REJECTED
}
