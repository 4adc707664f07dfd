package org.daqhub.datastore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;

/**
 * A strain document as {@code /streamdata} takes it: {@code {"h": [numbers], "t": [t0, dt]}}.
 * {@link #check} reads it once with a streaming parser (16,384 samples are 300 KB of JSON) and
 * answers the bytes to store: the body itself when it holds only h and t, as the original stored
 * them re-marshalled; otherwise just those two fields.
 */
final class StrainDocument {

    private static final JsonFactory JSON = new JsonFactory();

    private StrainDocument() {
    }

    /** @throws IllegalArgumentException naming what is wrong (answered 422) */
    static byte[] check(byte[] body) throws IOException {
        StringBuilder h = null;
        String t = null;
        boolean other = false;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the document must be a JSON object {\"h\": [...], \"t\": [t0, dt]}");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "h" -> h = samples(p);
                    case "t" -> t = timing(p);
                    default -> {
                        other = true;
                        p.skipChildren();
                    }
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("text after the JSON object");
            }
        } catch (StreamReadException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage());
        }
        if (h == null) {
            throw new IllegalArgumentException("h is missing");
        }
        if (t == null) {
            throw new IllegalArgumentException("t is missing");
        }
        if (!other) {
            return body;
        }
        return ("{\"h\":" + h + ",\"t\":" + t + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder samples(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("h must be an array of numbers");
        }
        StringBuilder out = new StringBuilder("[");
        int n = 0;
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new IllegalArgumentException("h[" + n + "] is not a number");
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT && !Double.isFinite(p.getDoubleValue())) {
                throw new IllegalArgumentException("h[" + n + "] is not finite");
            }
            if (n > 0) {
                out.append(',');
            }
            out.append(p.getText());
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException("h is empty");
        }
        return out.append(']');
    }

    private static String timing(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("t must be [t0, dt]");
        }
        double[] v = new double[2];
        String[] text = new String[2];
        int n = 0;
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            if ((token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) || n == 2) {
                throw new IllegalArgumentException("t must be two numbers [t0, dt]");
            }
            v[n] = p.getDoubleValue();
            text[n++] = p.getText();
        }
        if (n != 2) {
            throw new IllegalArgumentException("t must be two numbers [t0, dt]");
        }
        if (!Double.isFinite(v[0]) || !Double.isFinite(v[1]) || v[1] <= 0) {
            throw new IllegalArgumentException("t must be [t0, dt] with finite values and dt > 0");
        }
        return "[" + text[0] + "," + text[1] + "]";
    }
}
