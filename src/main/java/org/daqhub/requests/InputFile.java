package org.daqhub.requests;

/** One row of {@code files}: a file of a request, and how often it was handed to a worker. */
public record InputFile(long id, String requestId, String path, int attempts) {
}
