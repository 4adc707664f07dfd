package org.daqhub.tools.transform;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reports over HTTP to the hub's internal endpoints, as a ServiceX transformer does:
 * {@code POST <base>/<request>/<file-id>/status} with a form body and
 * {@code PUT <base>/<request>/file-complete} with JSON. {@code base} is the internal transformation
 * path, e.g. {@code http://hub:8080/servicex/internal/transformation}. A non-2xx answer is an error.
 */
public final class HttpReports implements Reports {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    public HttpReports(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public void fileStatus(String requestId, long fileId, String statusCode, String podName, String info)
            throws IOException {
        String form = Map.of("timestamp", ReportTimes.now(), "status-code", statusCode, "pod-name", podName,
                "info", info == null ? "" : info).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        send(HttpRequest.newBuilder(URI.create(base + "/" + requestId + "/" + fileId + "/status"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    @Override
    public void fileComplete(String requestId, Map<String, Object> result) throws IOException {
        send(HttpRequest.newBuilder(URI.create(base + "/" + requestId + "/file-complete"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(result))));
    }

    private void send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> answer = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new IOException("the hub answered " + answer.statusCode() + ": " + answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
