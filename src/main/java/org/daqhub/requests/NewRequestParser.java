package org.daqhub.requests;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.web.JsonBodies;
import org.daqhub.web.Problem;

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

    /** ServiceX's reqparse words: 400, the text also as {@code message}, after this prefix. */
    private static final JsonBodies.Style STYLE = new JsonBodies.Style(Problem.BAD_INPUT, false, "message", MALFORMED);

    private final ObjectMapper json;
    private final JsonBodies bodies;

    public NewRequestParser(ObjectMapper json, JsonBodies bodies) {
        this.json = json;
        this.bodies = bodies;
    }

    public NewRequest parse(String body) {
        return check(bodies.read(body, TransformRequestBody.class, STYLE));
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
        return check(bodies.read(node, TransformRequestBody.class, STYLE));
    }

    /** What the fields mean together; each field's own type and form JsonBodies has checked. */
    private static NewRequest check(TransformRequestBody body) {
        if ((body.did() == null) == (body.fileList() == null)) {
            throw RequestErrors.badRequest(MALFORMED + "give exactly one of did and file-list");
        }
        if ((body.columns() == null) == (body.selection() == null)) {
            throw RequestErrors.badRequest("Failed to submit transform request: give exactly one of columns and selection");
        }
        String destination = body.resultDestination();
        if (destination == null) {
            throw RequestErrors.badRequest(MALFORMED + "result-destination is missing (volume)");
        }
        if (!destination.equals("volume")) {
            throw RequestErrors.badRequest(MALFORMED + "result-destination '" + destination
                    + "' is not supported: the hub writes results to its volume (volume)");
        }
        String format = body.resultFormat() == null ? "json" : body.resultFormat();
        if (!FORMATS.contains(format)) {
            throw RequestErrors.badRequest(MALFORMED + "result-format '" + format + "' is not supported: one of "
                    + FORMATS.stream().sorted().toList());
        }
        // chunk-size: ServiceX's reqparse checks it (above); the hub's transformers read whole files
        return new NewRequest(body.title(), body.did(), body.fileList(), body.columns(), body.selection(),
                body.treeName(), body.image(), body.workers(), destination, format);
    }
}
