package org.daqhub.tools.transform;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reports over AMQP: each report is a message to the hub's queue {@value #QUEUE} (through the
 * default exchange) with the headers {@code request-id} and {@code action} ({@code file-status} or
 * {@code file-complete}) and the JSON body the HTTP endpoint takes.
 */
public final class AmqpReports implements Reports {

    public static final String QUEUE = "daqhub.requests.reports";

    /** Sends one message to {@link #QUEUE}. */
    @FunctionalInterface
    public interface Publisher {
        void publish(Map<String, Object> headers, byte[] body) throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Publisher publisher;

    public AmqpReports(Publisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void fileStatus(String requestId, long fileId, String statusCode, String podName, String info)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file-id", fileId);
        body.put("timestamp", ReportTimes.now());
        body.put("status-code", statusCode);
        body.put("pod-name", podName);
        body.put("info", info);
        publisher.publish(Map.of("request-id", requestId, "action", "file-status"), JSON.writeValueAsBytes(body));
    }

    @Override
    public void fileComplete(String requestId, Map<String, Object> result) throws IOException {
        publisher.publish(Map.of("request-id", requestId, "action", "file-complete"), JSON.writeValueAsBytes(result));
    }
}
