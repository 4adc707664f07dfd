package org.daqhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.daqhub.support.Http;
import org.daqhub.support.HubTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Every REST operation of the running hub, fed malformed bodies with every kind of content type
 * (seeded, so a failure repeats): never a 5xx, every error in the hub's JSON shape, and nothing
 * stored or changed by any of them.
 */
class MalformedInputFuzzTest extends HubTestSupport {

    private static final long SEED = 20261206L;
    /** Operations that act without a body: a fuzzed call would change state by design. */
    private static final Set<String> SKIPPED = Set.of("GET /resetService", "GET /resetStats", "DELETE /pending",
            "DELETE /servicex/queues", "GET /servicex/transformation/{id}/cancel");
    private static final List<String> TYPES = java.util.Arrays.asList("application/json",
            "application/x-www-form-urlencoded", "text/plain", null, "multipart/form-data; boundary=b",
            "application/xml; charset=utf-16");

    @Test
    void noMalformedRequestGetsA5xxOrChangesAnything() {
        Http http = http();
        Map<String, String> before = state(http);
        Random random = new Random(SEED);
        List<byte[]> bodies = bodies(random);
        JsonNode doc = Http.json(http.get("/openapi.json"));
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                String method = methods.next().toUpperCase();
                if (SKIPPED.contains(method + " " + path.getKey())) {
                    continue;
                }
                for (String concrete : concrete(path.getKey(), random)) {
                    for (byte[] body : bodies) {
                        String type = TYPES.get(random.nextInt(TYPES.size()));
                        HttpResponse<String> r = send(http, method, concrete, type, body);
                        sent++;
                        String problem = problem(r);
                        if (problem != null) {
                            failures.add(method + " " + concrete + " [" + type + "] " + preview(body) + ": " + problem);
                        }
                    }
                }
            }
        }
        assertThat(sent).isGreaterThan(1000);
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(state(http)).as("nothing stored, retracted or created").isEqualTo(before);
    }

    /** Null when the answer is acceptable: no 5xx, and a 4xx in the hub's JSON error shape. */
    private static String problem(HttpResponse<String> r) {
        if (r.statusCode() >= 500) {
            return r.statusCode() + " " + r.body();
        }
        if (r.statusCode() >= 400) {
            if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                return r.statusCode() + " not JSON: " + r.headers().firstValue("Content-Type").orElse("(none)");
            }
            try {
                JsonNode error = Http.json(r);
                if (!error.hasNonNull("error") || error.get("status").asInt() != r.statusCode()) {
                    return r.statusCode() + " not the hub's error shape: " + r.body();
                }
            } catch (RuntimeException e) {
                return r.statusCode() + " unparsable: " + r.body();
            }
        }
        return null;
    }

    private static HttpResponse<String> send(Http http, String method, String path, String type, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(http.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        return http.send(b);
    }

    /** The path with its parameters as plausible values and as hostile ones. */
    private static List<String> concrete(String path, Random random) {
        if (!path.contains("{")) {
            return List.of(path);
        }
        return List.of(path.replaceAll("\\{[^}]+}", "null"),
                path.replaceAll("\\{[^}]+}", "%25zz" + random.nextInt(100)),
                path.replaceAll("\\{[^}]+}", "9223372036854775808"),
                path.replaceAll("\\{[^}]+}", "..%2F..%2Fetc"));
    }

    private static List<byte[]> bodies(Random random) {
        byte[] garbage = new byte[256];
        random.nextBytes(garbage);
        List<byte[]> bodies = new ArrayList<>();
        for (String s : List.of("", "null", "{}", "[]", "{not json", "\"text\"", "12345678901234567890123456789",
                "{\"n_images\": 1e309, \"h\": [1e400], \"t\": [0, -1]}", "{\"a\": 1, \"a\": 2}",
                "{\"partition\": 7, \"connections\": \"x\", \"routing_key\": [], \"did\": {}, \"email\": 1}",
                "{\"h\": [NaN], \"t\": [0, 1]}", "a=1&&b", "%zz=1", "partition=%zz",
                "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\n",
                "{\"x\": \"" + "y".repeat(70_000) + "\"}", "[".repeat(5000) + "]".repeat(5000),
                "{\"email\": \"" + "e".repeat(400) + "@x.org\", \"password\": \"" + "p".repeat(100) + "\"}",
                "{\"email\": \"fuzz@x.org\", \"password\": \"" + "p".repeat(100) + "\"}",
                "{\"email\": \"fuzz@x.org\", \"password\": \"long-enough\", \"institution\": \"" + "i".repeat(300) + "\"}",
                "{\"h\": [1, 2], \"t\": [0, 1], \"h\": [3]}")) {
            bodies.add(s.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(garbage);
        bodies.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}); // invalid UTF-8
        return bodies;
    }

    /** What a malformed request must not change, as the hub reports it. */
    private static Map<String, String> state(Http http) {
        // the partitions and their entry counts (entries turn red as they expire: not a change)
        String registry = http.get("/").body().split("<h2>Partitions</h2>|<hr>", 2)[0];
        return Map.of("registry", registry,
                "datastore", Http.json(http.get("/datastore/stats")).toString(),
                "streams", Http.json(http.get("/event-stream/")).toString(),
                "requests", Http.json(http.get("/servicex/transformation")).get("requests").size() + "",
                "users", Http.json(http.get("/users")).get("users").size() + "",
                "writes", Http.json(http.get("/writer")).path("recent").size() + "");
    }

    private static String preview(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 40), StandardCharsets.UTF_8);
        return "'" + s.replaceAll("\\p{Cntrl}", "?") + (body.length > 40 ? "...'" : "'");
    }
}
