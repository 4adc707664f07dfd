package org.daqhub.requests;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code application/x-www-form-urlencoded} bodies, as ServiceX's transformers and reqparse clients send them. */
final class Forms {

    private Forms() {
    }

    static Map<String, String> parse(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            return m;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }
}
