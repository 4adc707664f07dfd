package org.daqhub.web;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one error shape of the hub: {@code {"error": "...", "status": N, "path": "..."}}.
 */
public final class ErrorBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBody() {
    }

    public static Map<String, Object> of(String error, int status, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("status", status);
        body.put("path", path);
        return body;
    }

    /** Answers {@code response} with {@code error}'s status and this body (for filters, before any route). */
    public static void send(jakarta.servlet.http.HttpServletResponse response, HubException error, String path)
            throws java.io.IOException {
        response.setStatus(error.status());
        error.headers().forEach(response::setHeader);
        response.setContentType("application/json");
        response.getOutputStream().write(json(error.getMessage(), error.status(), path, error.details())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static String json(String error, int status, String path) {
        return json(error, status, path, Map.of());
    }

    public static String json(String error, int status, String path, Map<String, Object> details) {
        try {
            Map<String, Object> body = of(error, status, path);
            body.putAll(details);
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
