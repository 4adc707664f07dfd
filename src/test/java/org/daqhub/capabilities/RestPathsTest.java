package org.daqhub.capabilities;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The REST verbs of the shipped routes files, read without loading them. */
class RestPathsTest {

    private static List<RestPaths.Verb> verbs(String file, Map<String, String> properties) throws Exception {
        return RestPaths.of(Files.readString(Path.of("routes", file)), properties::get);
    }

    @Test
    void readsEveryVerbOfAFileWithItsMethod() throws Exception {
        List<RestPaths.Verb> writer = verbs("writer.yaml", Map.of());
        assertThat(writer).extracting(v -> v.method() + " " + v.path()).contains("POST /write_sync",
                "GET /write/{request_id}", "GET /writer", "POST /detector/{name}");
        assertThat(writer).anyMatch(v -> v.matches("GET", "/write/0f6b9c"));
        assertThat(writer).noneMatch(v -> v.matches("GET", "/write/0f6b9c/more"));
        assertThat(writer).noneMatch(v -> v.matches("DELETE", "/write_sync"));
        assertThat(writer).anyMatch(v -> v.matches("HEAD", "/writer"));
    }

    @Test
    void resolvesBasePathsAsCamelDoesWithTheirDefaults() throws Exception {
        List<RestPaths.Verb> requests = verbs("requests.yaml", Map.of("daqhub.requests.base-path", "/servicex"));
        assertThat(requests).anyMatch(v -> v.matches("GET", "/servicex/transformation/42/status"));
        List<RestPaths.Verb> registry = verbs("registry.yaml", Map.of("daqhub.registry.base-path", ""));
        assertThat(registry).anyMatch(v -> v.matches("POST", "/publish"));
        assertThat(registry).anyMatch(v -> v.matches("GET", "/"));
        assertThat(RestPaths.of("- rest:\n    path: /base\n    get:\n      - path: \"{{missing:/x}}/{id}\"\n",
                name -> null)).extracting(RestPaths.Verb::path).containsExactly("/base/x/{id}");
    }
}
