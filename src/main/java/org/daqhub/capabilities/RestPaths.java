package org.daqhub.capabilities;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The REST verbs a Camel YAML routes file declares ({@code - rest:} entries, their optional base
 * {@code path} and each verb's {@code path}), read without loading the file: the endpoints of a
 * capability that is off, so the hub can answer them with its own 404 naming the capability.
 * Placeholders ({@code {{daqhub.registry.base-path}}}) are resolved like Camel resolves them.
 */
public final class RestPaths {

    private static final List<String> VERBS = List.of("get", "post", "put", "delete", "patch", "head");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}:]+)(?::([^}]*))?}}");
    private static final Pattern PARAMETER = Pattern.compile("\\{[^}/]+}");

    /** One verb: its HTTP method and its path as a pattern ({@code {name}} matches one segment). */
    public record Verb(String method, String path, Pattern pattern) {

        public boolean matches(String requestMethod, String requestPath) {
            return (method.equalsIgnoreCase(requestMethod)
                    || method.equals("GET") && requestMethod.equalsIgnoreCase("HEAD"))
                    && pattern.matcher(requestPath).matches();
        }
    }

    private RestPaths() {
    }

    /**
     * @param properties resolves a property name to its value (null: not set, the placeholder's
     *                   default or nothing is used)
     */
    public static List<Verb> of(String yaml, UnaryOperator<String> properties) {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        List<Verb> verbs = new ArrayList<>();
        if (!(document instanceof List<?> items)) {
            return verbs;
        }
        for (Object item : items) {
            if (item instanceof Map<?, ?> entry && entry.get("rest") instanceof Map<?, ?> rest) {
                String base = rest.get("path") instanceof String s ? resolve(s, properties) : "";
                for (String verb : VERBS) {
                    if (rest.get(verb) instanceof List<?> list) {
                        for (Object v : list) {
                            if (v instanceof Map<?, ?> m) {
                                String path = join(base, m.get("path") instanceof String s ? resolve(s, properties) : "");
                                verbs.add(new Verb(verb.toUpperCase(Locale.ROOT), path, pattern(path)));
                            }
                        }
                    }
                }
            }
        }
        return verbs;
    }

    private static String resolve(String text, UnaryOperator<String> properties) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = properties.apply(m.group(1).trim());
            if (value == null) {
                value = m.group(2) != null ? m.group(2) : "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String join(String base, String path) {
        String joined = (base + "/" + path).replaceAll("/{2,}", "/");
        return joined.length() > 1 && joined.endsWith("/") && !path.endsWith("/")
                ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** The path as a regular expression; a trailing slash is optional, as the hub's routes take it. */
    private static Pattern pattern(String path) {
        StringBuilder regex = new StringBuilder("^");
        Matcher m = PARAMETER.matcher(path);
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(path.substring(at, m.start()))).append("[^/]+");
            at = m.end();
        }
        String rest = path.substring(at);
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        regex.append(Pattern.quote(rest)).append("/?$");
        return Pattern.compile(regex.toString());
    }
}
