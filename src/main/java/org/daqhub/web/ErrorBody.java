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

    public static String json(String error, int status, String path) {
        try {
            return JSON.writeValueAsString(of(error, status, path));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
