package org.daqhub.web;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Form bodies as Camel's HTTP binding reads them ({@code key=value} pairs joined by {@code &},
 * percent-encoded), checked before it does: the binding throws on anything else, which answered
 * 500. {@code curl -d '{"partition": ...}'} sends JSON with the form type, as DUNE and std_daq
 * users do; such a body is taken as the JSON it is (the originals parse it regardless of type).
 */
public final class FormBodies {

    private FormBodies() {
    }

    /**
     * The fields of a form body ({@code key=value} pairs; parts without {@code =} are skipped, the
     * first value of a repeated key kept).
     *
     * @throws HubException 400 naming a part with bad percent-encoding
     */
    public static Map<String, String> parse(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            return fields;
        }
        for (String pair : body.trim().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    fields.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw HubException.badRequest("the form field '" + ErrorMessages.abbreviate(pair, 60)
                            + "' has bad percent-encoding");
                }
            }
        }
        return fields;
    }

    static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded");
    }

    /** Why Camel's binding would refuse this form body, or null when it reads. */
    static String problem(byte[] body, String charset) {
        Charset cs;
        try {
            cs = charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset);
        } catch (RuntimeException unknown) {
            return "unknown charset " + charset;
        }
        String text = new String(body, cs);
        if (text.isEmpty()) {
            return null;
        }
        for (String pair : text.split("&")) {
            String[] kv = pair.split("=", 2);
            if (pair.isEmpty()) {
                return "it has an empty part (two '&' in a row, or one at the start)";
            }
            if (kv.length != 2) {
                return "'" + ErrorMessages.abbreviate(pair, 60) + "' is not a key=value pair";
            }
            try {
                URLDecoder.decode(kv[0], cs);
                URLDecoder.decode(kv[1], cs);
            } catch (IllegalArgumentException e) {
                return "'" + ErrorMessages.abbreviate(pair, 60) + "' has bad percent-encoding";
            }
        }
        return null;
    }

    /** Whether the body starts, after white space, like a JSON object or array. */
    static boolean looksLikeJson(byte[] body) {
        for (byte b : body) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '{' || b == '[';
        }
        return false;
    }
}
