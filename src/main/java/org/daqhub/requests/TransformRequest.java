package org.daqhub.requests;

import java.time.Instant;

/** One row of {@code requests}. {@code files} is null until the number of files is known. */
public record TransformRequest(long id, String requestId, String title, String did, String columns,
        String selection, String treeName, String image, Integer workers, String resultDestination,
        String resultFormat, Integer files, Integer filesSkipped, Long totalEvents, Long totalBytes, String status,
        String failureDescription, Instant submitTime, Instant finishTime, Long submittedBy, String appVersion,
        String serviceEndpoint) {

    public static final String SUBMITTED = "Submitted";
    public static final String RUNNING = "Running";
    public static final String COMPLETE = "Complete";
    public static final String FATAL = "Fatal";
    public static final String CANCELED = "Canceled";

    public boolean active() {
        return status.equals(SUBMITTED) || status.equals(RUNNING);
    }
}
