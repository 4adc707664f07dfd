package org.daqhub.requests;

/**
 * What a worker reports when it is done with a file ({@code PUT .../file-complete}); {@code status}
 * is {@code success} or anything else for a failure.
 */
public record FileResult(long fileId, String filePath, String status, Integer totalTime, Long totalBytes,
        Long totalEvents, Double avgRate, Integer messages, String info) {

    public boolean success() {
        return "success".equals(status);
    }
}
