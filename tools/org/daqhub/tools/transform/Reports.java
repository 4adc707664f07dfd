package org.daqhub.tools.transform;

import java.io.IOException;
import java.util.Map;

/**
 * How a transformer tells the hub about its files, ServiceX's worker protocol: a status line per
 * step ({@code POST .../<file-id>/status}) and one completion per file ({@code PUT .../file-complete}),
 * over HTTP ({@link HttpReports}) or AMQP ({@link AmqpReports}).
 */
public interface Reports {

    /** A step of a file (status-code such as {@code start}, {@code success}, {@code failure}). */
    void fileStatus(String requestId, long fileId, String statusCode, String podName, String info) throws IOException;

    /** The file is done: ServiceX's file-complete body ({@code file-id, file-path, status, total-time, ...}). */
    void fileComplete(String requestId, Map<String, Object> result) throws IOException;
}
