package org.daqhub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.daqhub.support.Http;
import org.daqhub.support.HubTestSupport;
import org.daqhub.support.RouteFiles;
import org.junit.jupiter.api.Test;

/** Operators edit routes while the hub runs: changes apply within 5 s, broken edits are rejected. */
class RouteReloadTest extends HubTestSupport {

    private static final Duration WITHIN = Duration.ofSeconds(5);

    @Test
    void addEditBreakAndDeleteARoutesFile() {
        Http http = http();
        RouteFiles.write(ROUTES_DIR, "greeting.yaml", RouteFiles.constantEndpoint("greeting", "/greeting", "hello"));
        await().atMost(WITHIN).until(() -> http.get("/greeting").body().equals("hello"));

        RouteFiles.write(ROUTES_DIR, "greeting.yaml", RouteFiles.constantEndpoint("greeting", "/greeting", "bonjour"));
        await().atMost(WITHIN).until(() -> http.get("/greeting").body().equals("bonjour"));

        // Does not parse: rejected, reported, and the running version keeps answering.
        RouteFiles.write(ROUTES_DIR, "greeting.yaml", "- route: [broken\n");
        await().atMost(WITHIN).until(() -> fileError("greeting.yaml") != null);
        assertThat(fileError("greeting.yaml")).startsWith("does not parse");
        assertThat(http.get("/greeting").body()).isEqualTo("bonjour");

        // Parses but cannot start (unknown component): the previous version is restored.
        RouteFiles.write(ROUTES_DIR, "greeting.yaml",
                RouteFiles.constantEndpoint("greeting", "/greeting", "hola")
                        .replace("- setBody:", "- to: nosuchcomponent:x\n        - setBody:"));
        await().atMost(WITHIN).until(() -> String.valueOf(fileError("greeting.yaml")).startsWith("does not start"));
        assertThat(fileError("greeting.yaml")).contains("nosuchcomponent");
        assertThat(http.get("/greeting").body()).isEqualTo("bonjour");

        RouteFiles.delete(ROUTES_DIR, "greeting.yaml");
        await().atMost(WITHIN).until(() -> http.get("/greeting").statusCode() == 404);
        assertThat(Http.json(http.get("/greeting")).get("error").asText()).contains("/greeting");
        assertThat(routeIds()).doesNotContain("greeting");
    }

    @Test
    void anEditThatDropsARouteTheHubSendsToIsRefusedAndUndoingItClearsTheError() throws Exception {
        Path file = ROUTES_DIR.resolve("requests.yaml");
        String shipped = Files.readString(file);
        int start = shipped.indexOf("- route:\n    id: request-ended");
        int end = shipped.indexOf("- route:", start + 1);
        assertThat(start).as("requests.yaml has the request-ended route").isPositive();
        try {
            Files.writeString(file, shipped.substring(0, start) + shipped.substring(end));
            await().atMost(WITHIN).until(() -> fileError("requests.yaml") != null);
            assertThat(fileError("requests.yaml")).contains("must keep a route from direct:request-ended")
                    .contains("RequestService");
            assertThat(routeIds()).as("the previous version keeps running").contains("request-ended");
        } finally {
            Files.writeString(file, shipped);
        }
        await().atMost(WITHIN).until(() -> fileError("requests.yaml") == null);
    }

    /**
     * A verb answered through the json-answer template: an edit of its parameters replaces the
     * route the template made (same id), and undoing it restores the shipped answer.
     */
    @Test
    void anEditOfATemplatedAnswerTakesEffect() throws Exception {
        Path file = ROUTES_DIR.resolve("datastore.yaml");
        String shipped = Files.readString(file);
        String stats = "uri: kamelet:json-answer/datastore-stats-route\n          parameters:\n"
                + "            bean: datastore\n            method: stats\n";
        assertThat(shipped).contains(stats);
        assertThat(Http.json(http().get("/datastore/stats")).has("n_itm")).isTrue();
        try {
            Files.writeString(file, shipped.replace(stats, stats.replace("method: stats", "method: desc")));
            await().atMost(WITHIN).until(() -> Http.json(http().get("/datastore/stats")).has("resp"));
            assertThat(fileError("datastore.yaml")).isNull();
        } finally {
            Files.writeString(file, shipped);
        }
        await().atMost(WITHIN).until(() -> Http.json(http().get("/datastore/stats")).has("n_itm"));
        assertThat(fileError("datastore.yaml")).isNull();
        assertThat(routeIds()).contains("datastore-stats-route");
    }

    @Test
    void hubInfoListsTheShippedRoutes() {
        JsonNode info = Http.json(http().get("/hub/info"));
        assertThat(info.get("name").asText()).isEqualTo("DAQ Hub");
        assertThat(info.get("profiles").get(0).asText()).isEqualTo("default");
        assertThat(routeIds()).contains("hub-info-route", "openapi");
    }

    private String routeIds() {
        return Http.json(http().get("/hub/info")).get("routes").findValuesAsText("id").toString();
    }

    private String fileError(String file) {
        for (JsonNode status : Http.json(http().get("/hub/info")).get("routeFiles")) {
            if (status.get("file").asText().equals(file) && !status.get("error").isNull()) {
                return status.get("error").asText();
            }
        }
        return null;
    }
}
