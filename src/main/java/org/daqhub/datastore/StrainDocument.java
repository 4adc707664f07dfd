package org.daqhub.datastore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;

/**
 * A strain document as {@code /streamdata} takes it: {@code {"h": [numbers], "t": [t0, dt]}}.
 * {@link #check} answers at once for the usual document ({@link StrainScanner}); any other is read
 * with a streaming parser (16,384 samples are 300 KB of JSON), which names what is wrong, and
 * answers the bytes to store: the body itself when it holds only h and t, as the original stored
 * them re-marshalled; otherwise just those two fields.
 */
final class StrainDocument {

    /** A key twice (two h, which one counts?) is refused, not resolved by keeping the last. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private StrainDocument() {
    }

    /** @throws IllegalArgumentException naming what is wrong (answered 422) */
    static byte[] check(byte[] body) throws IOException {
        return StrainScanner.isPlainValid(body) ? body : checkFully(body);
    }

    /** The check with Jackson's parser, for any document; names what is wrong. */
    static byte[] checkFully(byte[] body) throws IOException {
        if (!read(body, false)) {
            return body;
        }
        StringBuilder h = new StringBuilder();
        String[] t = new String[1];
        read(body, true, h, t);
        return ("{\"h\":" + h + ",\"t\":" + t[0] + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Reads and checks the document; answers whether it has fields besides h and t. */
    private static boolean read(byte[] body, boolean keep) throws IOException {
        return read(body, keep, new StringBuilder(), new String[1]);
    }

    private static boolean read(byte[] body, boolean keep, StringBuilder hOut, String[] tOut) throws IOException {
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
                    case "h" -> h = samples(p, keep);
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
        hOut.append(h);
        tOut[0] = t;
        return other;
    }

    /** Checks h; answers its JSON text only when the document must be re-marshalled (keep true). */
    private static StringBuilder samples(JsonParser p, boolean keep) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("h must be an array of numbers");
        }
        StringBuilder out = keep ? new StringBuilder("[") : null;
        int n = 0;
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new IllegalArgumentException("h[" + n + "] is not a number");
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT && mayOverflow(p) && !Double.isFinite(p.getDoubleValue())) {
                throw new IllegalArgumentException("h[" + n + "] is not finite");
            }
            if (keep) {
                if (n > 0) {
                    out.append(',');
                }
                out.append(p.getText());
            }
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException("h is empty");
        }
        return keep ? out.append(']') : new StringBuilder();
    }

    /**
     * Whether a JSON number might not fit a double, read off its text without parsing it (16,384
     * full double parses per document cost more than the rest of the check): only a decimal exponent
     * of three digits or more, or a very long mantissa, can overflow. Shared with {@link StrainScanner}.
     */
    static boolean mayOverflow(int length, int exponentDigits) {
        return length > 300 || exponentDigits >= 3;
    }

    private static boolean mayOverflow(JsonParser p) throws IOException {
        char[] text = p.getTextCharacters();
        int offset = p.getTextOffset();
        int length = p.getTextLength();
        int digits = 0;
        for (int i = offset; i < offset + length; i++) {
            if (text[i] == 'e' || text[i] == 'E') {
                for (int j = i + 1; j < offset + length; j++) {
                    if (text[j] >= '0' && text[j] <= '9') {
                        digits++;
                    }
                }
                break;
            }
        }
        return mayOverflow(length, digits);
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
