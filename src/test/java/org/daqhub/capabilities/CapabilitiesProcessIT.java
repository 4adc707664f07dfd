package org.daqhub.capabilities;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.daqhub.support.Http;
import org.daqhub.support.HubProcess;
import org.daqhub.support.TestDetectors;
import org.junit.jupiter.api.Test;

/**
 * One image, every role: the packaged hub started as the stateless tier and as a detector node
 * ({@code daqhub.capabilities}). What is off loads no routes and no beans (no UDP ports bound, no
 * writer queues), and its endpoints answer the hub's 404 naming the capability.
 */
class CapabilitiesProcessIT {

    @Test
    void theStatelessTierRunsNoDataPathAndSaysSo() throws Exception {
        try (HubProcess hub = start("stateless", "registry,event-streams,requests,users,datastore")) {
            Http http = hub.awaitHealthy(Duration.ofSeconds(90)).http();
            JsonNode info = Http.json(http.get("/hub/info"));
            assertThat(info.get("capabilities")).extracting(JsonNode::asText).containsExactly("registry",
                    "event-streams", "requests", "users", "datastore");
            assertThat(info.get("capabilitiesOff")).extracting(JsonNode::asText).containsExactly("detector", "writer");
            assertThat(info.get("routeFilesOff")).extracting(JsonNode::asText).containsExactly("detector.yaml",
                    "writer.yaml");
            assertThat(info.get("routes")).extracting(r -> r.get("id").asText()).noneMatch(id -> id.startsWith("writer"))
                    .noneMatch(id -> id.startsWith("detector"));

            assertOff(http.get("/detectors"), "detector", "GET /detectors");
            assertOff(http.postJson("/write_sync", "{\"output_file\": \"a.h5\", \"n_images\": 1}"), "writer",
                    "POST /write_sync");
            assertOff(http.get("/write/0f6b9c"), "writer", "GET /write/0f6b9c");

            // what runs, works
            assertThat(http.postJson("/publish", "{\"partition\": \"p\", \"connections\": [{\"uid\": \"a\", "
                    + "\"uri\": \"tcp://h:1\", \"data_type\": \"t\", \"connection_type\": 0}]}").statusCode())
                    .isLessThan(300);
            assertThat(http.get("/event-stream/").statusCode()).isEqualTo(200);
            assertThat(http.get("/no/such/path").statusCode()).isEqualTo(404);
            assertThat(Http.json(http.get("/no/such/path")).has("capability")).isFalse();
            assertThat(hub.logText()).doesNotContain("receiving on UDP ports").doesNotContain("ERROR");
        }
    }

    @Test
    void aDetectorNodeRunsTheDataPathAndNothingElse() throws Exception {
        try (HubProcess hub = start("detector-node", "detector,writer")) {
            Http http = hub.awaitHealthy(Duration.ofSeconds(90)).http();
            assertThat(Http.json(http.get("/detectors")).get("detectors").size()).isPositive();
            assertThat(http.get("/writer").statusCode()).isEqualTo(200);
            assertOff(http.get("/datastore/stats"), "datastore", "GET /datastore/stats");
            assertOff(http.get("/servicex/transformation"), "requests", "GET /servicex/transformation");
            assertOff(http.postJson("/login", "{\"email\": \"a@b\", \"password\": \"x\"}"), "users", "POST /login");
            assertOff(http.get("/event-stream/"), "event-streams", "GET /event-stream/");
            assertOff(http.postJson("/publish", "{}"), "registry", "POST /publish");
            assertThat(hub.logText()).contains("receiving on UDP ports").doesNotContain("ERROR");
        }
    }

    /** Every capability's paths start with its base path, so a facility can put each behind its own prefix. */
    @Test
    void everyCapabilityCanLiveUnderItsOwnBasePath() throws Exception {
        Map<String, String> bases = Map.of("registry", "/r", "detector", "/d", "writer", "/w", "auth", "/u",
                "datastore", "/ds", "requests", "/sx", "event-streams", "/es");
        List<String> args = new java.util.ArrayList<>(List.of("--daqhub.detector.definitions-dir="
                + TestDetectors.write(Files.createTempDirectory("defs"))));
        bases.forEach((capability, base) -> args.add("--daqhub." + capability + ".base-path=" + base));
        try (HubProcess hub = HubProcess.start("base-paths", List.of(), args, Map.of())) {
            Http http = hub.awaitHealthy(Duration.ofSeconds(90)).http();
            assertThat(http.get("/r/stats").statusCode()).isEqualTo(200);
            assertThat(http.get("/d/detectors").statusCode()).isEqualTo(200);
            assertThat(http.get("/w/writer").statusCode()).isEqualTo(200);
            assertThat(http.postJson("/u/login", "{}").statusCode()).isEqualTo(400);
            assertThat(http.get("/ds/stats").statusCode()).isEqualTo(200);
            assertThat(http.get("/sx/transformation").statusCode()).isEqualTo(200);
            assertThat(http.get("/es/").statusCode()).isEqualTo(200);
            for (String root : List.of("/stats", "/detectors", "/writer", "/datastore/stats", "/event-stream/")) {
                assertThat(http.get(root).statusCode()).as(root + " moved under its base path").isEqualTo(404);
            }
            assertThat(http.postJson("/login", "{}").statusCode()).isEqualTo(404);
            assertThat(Http.json(http.get("/hub/console/snapshot")).at("/hub/detector_path").asText()).isEqualTo("/d");
            assertThat(http.get("/openapi.json").body()).contains("\"/w/write_sync\"", "\"/u/signup\"",
                    "\"/d/detector/{name}/stats\"");
        }
    }

    /** The jar with these capabilities, and test detectors on free ports (used or not). */
    private static HubProcess start(String name, String capabilities) throws Exception {
        return HubProcess.start(name, List.of(), List.of("--daqhub.capabilities=" + capabilities,
                "--daqhub.detector.definitions-dir=" + TestDetectors.write(Files.createTempDirectory("defs"))), Map.of());
    }

    private static void assertOff(HttpResponse<String> response, String capability, String verb) {
        assertThat(response.statusCode()).as(verb).isEqualTo(404);
        JsonNode body = Http.json(response);
        assertThat(body.get("capability").asText()).isEqualTo(capability);
        assertThat(body.get("error").asText()).isEqualTo("the " + capability + " capability does not run on this hub "
                + "(daqhub.capabilities); " + verb + " is one of its endpoints");
    }
}
