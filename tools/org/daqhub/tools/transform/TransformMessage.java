package org.daqhub.tools.transform;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * ServiceX's transformer message, as the hub publishes one per file on the request's queue:
 * {@code {request-id, file-id, columns, selection, file-path, tree-name, service-endpoint,
 * result-destination, result-format, result-path}} ({@code result-path}, the directory for this
 * request's results on the shared volume, is the hub's addition).
 */
public record TransformMessage(String requestId, long fileId, String filePath, String columns, String selection,
        String serviceEndpoint, String resultFormat, Path resultPath) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static TransformMessage parse(byte[] body) throws IOException {
        JsonNode m = JSON.readTree(body);
        if (m == null || !m.isObject()) {
            throw new IOException("a transformer message must be a JSON object");
        }
        String requestId = required(m, "request-id");
        JsonNode fileId = m.get("file-id");
        if (fileId == null || !fileId.canConvertToLong()) {
            throw new IOException("file-id is missing or not an integer");
        }
        String resultPath = text(m, "result-path");
        return new TransformMessage(requestId, fileId.asLong(), required(m, "file-path"), text(m, "columns"),
                text(m, "selection"), text(m, "service-endpoint"),
                text(m, "result-format") == null ? "json" : text(m, "result-format"),
                resultPath == null ? null : Path.of(resultPath));
    }

    private static String required(JsonNode m, String field) throws IOException {
        String v = text(m, field);
        if (v == null) {
            throw new IOException(field + " is missing");
        }
        return v;
    }

    private static String text(JsonNode m, String field) {
        JsonNode v = m.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
