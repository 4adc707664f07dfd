package org.daqhub.requests;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.web.ErrorMessages;

/**
 * Checks the body of {@code POST /servicex/transformation} field by field, as ServiceX's reqparse
 * does, and answers 400 naming the first problem: {@code did} or {@code file-list} (exactly one),
 * {@code columns} or {@code selection} (exactly one), {@code result-destination} ({@code volume}),
 * {@code result-format}, {@code workers} a positive integer, text fields text.
 */
public final class NewRequestParser {

    /** What the hub's result writers produce; ServiceX's arrow/parquet/root-file need ROOT or Arrow. */
    public static final Set<String> FORMATS = Set.of("json", "csv");
    /** Every field a request may have. */
    public static final List<String> FIELDS = List.of("did", "file-list", "columns", "selection", "title", "workers",
            "chunk-size", "tree-name", "image", "result-destination", "result-format");
    private static final String MALFORMED = "The json request was malformed: ";

    private final ObjectMapper json;

    public NewRequestParser(ObjectMapper json) {
        this.json = json;
    }

    public NewRequest parse(String body) {
        JsonNode node;
        try {
            node = json.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            throw RequestErrors.badRequest(MALFORMED + ErrorMessages.malformedJson(e));
        }
        if (node == null || !node.isObject()) {
            throw RequestErrors.badRequest(MALFORMED + "the body must be a JSON object");
        }
        return parse(node);
    }

    /** A form body (ServiceX's reqparse reads forms too): every field is text, file-list comma separated. */
    public NewRequest parseForm(Map<String, String> form) {
        var node = json.createObjectNode();
        form.forEach((k, v) -> {
            if (k.equals("file-list")) {
                var list = node.putArray(k);
                for (String p : v.split(",")) {
                    if (!p.isBlank()) {
                        list.add(p.trim());
                    }
                }
            } else {
                node.put(k, v);
            }
        });
        return parse(node);
    }

    private NewRequest parse(JsonNode node) {
        String did = text(node, "did");
        List<String> fileList = list(node, "file-list");
        if ((did == null) == (fileList == null)) {
            throw RequestErrors.badRequest(MALFORMED + "give exactly one of did and file-list");
        }
        String columns = text(node, "columns");
        String selection = text(node, "selection");
        if ((columns == null) == (selection == null)) {
            throw RequestErrors.badRequest("Failed to submit transform request: give exactly one of columns and selection");
        }
        String destination = text(node, "result-destination");
        if (destination == null) {
            throw RequestErrors.badRequest(MALFORMED + "result-destination is missing (volume)");
        }
        if (!destination.equals("volume")) {
            throw RequestErrors.badRequest(MALFORMED + "result-destination '" + destination
                    + "' is not supported: the hub writes results to its volume (volume)");
        }
        String format = text(node, "result-format");
        format = format == null ? "json" : format;
        if (!FORMATS.contains(format)) {
            throw RequestErrors.badRequest(MALFORMED + "result-format '" + format + "' is not supported: one of "
                    + FORMATS.stream().sorted().toList());
        }
        Integer workers = positiveInt(node, "workers");
        positiveInt(node, "chunk-size"); // ServiceX's reqparse checks it; the hub's transformers read whole files
        return new NewRequest(text(node, "title"), did, fileList, columns, selection, text(node, "tree-name"),
                text(node, "image"), workers, destination, format);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw RequestErrors.badRequest(MALFORMED + field + " must be a string");
        }
        if (v.asText().isBlank()) {
            throw RequestErrors.badRequest(MALFORMED + field + " is empty");
        }
        return v.asText();
    }

    private static List<String> list(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw RequestErrors.badRequest(MALFORMED + field + " must be an array of paths");
        }
        List<String> paths = new ArrayList<>();
        for (Iterator<JsonNode> it = v.elements(); it.hasNext();) {
            JsonNode p = it.next();
            if (!p.isTextual() || p.asText().isBlank()) {
                throw RequestErrors.badRequest(MALFORMED + field + " must hold non-empty strings only");
            }
            paths.add(p.asText());
        }
        return paths;
    }

    /** A positive integer, as a number or as digits in a string (the ServiceX frontend sends "workers": "1"). */
    private static Integer positiveInt(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual() && v.asText().trim().matches("\\d{1,9}")) {
            int n = Integer.parseInt(v.asText().trim());
            if (n < 1) {
                throw RequestErrors.badRequest(MALFORMED + field + " must be a positive integer");
            }
            return n;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
            throw RequestErrors.badRequest(MALFORMED + field + " must be a positive integer");
        }
        return v.asInt();
    }
}
