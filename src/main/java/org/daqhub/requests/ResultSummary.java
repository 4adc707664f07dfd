package org.daqhub.requests;

/** Aggregates of a request's results; the sums are null when there is no result yet. */
public record ResultSummary(long results, long successes, Long minTime, Long maxTime, Double avgTime, Long totalTime,
        Double avgRate, Long totalBytes, Long totalEvents, Long messages) {

    public long failures() {
        return results - successes;
    }
}
