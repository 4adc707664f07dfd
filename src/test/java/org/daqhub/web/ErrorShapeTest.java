package org.daqhub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.daqhub.support.Http;
import org.daqhub.support.HubTestSupport;
import org.daqhub.support.RouteFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One JSON error shape for the whole hub; no HTML pages, no stack traces. */
class ErrorShapeTest extends HubTestSupport {

    /** A JSON-consuming endpoint, as every capability's routes have. */
    private static final String JSON_ECHO = """
            - rest:
                post:
                  - path: /probe/json
                    to: direct:probe-json
            - route:
                id: probe-json
                from:
                  uri: direct:probe-json
                  steps:
                    - unmarshal:
                        json: {}
                    - marshal:
                        json: {}
            """;

    @BeforeAll
    static void installProbe() {
        RouteFiles.write(ROUTES_DIR, "probe.yaml", JSON_ECHO);
    }

    @Test
    void unknownPathIs404Json() {
        HttpResponse<String> response = http().get("/no/such/thing");
        assertErrorShape(response, 404, "/no/such/thing");
        assertThat(Http.json(response).get("error").asText()).isEqualTo("no endpoint at GET /no/such/thing");
    }

    @Test
    void malformedJsonIs400NamingTheProblem() {
        Http http = http();
        await().atMost(Duration.ofSeconds(5)).until(() -> http.postJson("/probe/json", "{}").statusCode() == 200);
        HttpResponse<String> response = http.postJson("/probe/json", "{\"partition\": ");
        assertErrorShape(response, 400, "/probe/json");
        assertThat(Http.json(response).get("error").asText()).startsWith("malformed JSON");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void oversizedBodyIs413() {
        byte[] body = new byte[17 * 1024 * 1024];
        HttpResponse<String> response = http().send(HttpRequest.newBuilder(http().uri("/probe/json"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertErrorShape(response, 413, "/probe/json");
    }

    @Test
    void oversizedChunkedBodyIs413() {
        byte[] chunk = new byte[1024 * 1024];
        // A publisher with unknown length makes the client send Transfer-Encoding: chunked.
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofByteArrays(java.util.Collections.nCopies(17, chunk)));
        HttpResponse<String> response = http().send(HttpRequest.newBuilder(http().uri("/probe/json"))
                .header("Content-Type", "application/json").POST(chunked));
        assertErrorShape(response, 413, "/probe/json");
    }

    @Test
    void jsonSentWithTheFormTypeIsTakenAsJsonAsCurlDashDSendsIt() {
        String form = "application/x-www-form-urlencoded";
        String publish = "{\"partition\": \"curl-d\", \"connections\": [{\"uid\": \"DRO-1\", \"uri\": \"tcp://h:1\","
                + " \"data_type\": \"T\", \"connection_type\": 0}]}";
        assertThat(http().post("/publish", form, publish).statusCode()).isEqualTo(200);
        HttpResponse<String> lookup = http().post("/getconnection/curl-d", form, "{\"uid_regex\": \".*\", \"data_type\": \"T\"}");
        assertThat(lookup.body()).contains("DRO-1");
        // whatever each endpoint answers, it answers about the JSON, never 500
        for (String path : new String[] {"/retract", "/datastore/streamdata", "/write_async", "/event-stream/", "/detector"}) {
            HttpResponse<String> response = http().post(path, form, "{\"x\": 1}");
            assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 499);
            assertThat(Http.json(response).isObject()).isTrue();
        }
        assertThat(http().post("/retract-partition", form, "partition=curl-d").body()).isEqualTo("OK");
    }

    @Test
    void formBodiesThatAreNotPairsAre400NamingThePart() {
        String form = "application/x-www-form-urlencoded";
        HttpResponse<String> notPairs = http().post("/retract-partition", form, "partition=a&oops");
        assertErrorShape(notPairs, 400, "/retract-partition");
        assertThat(Http.json(notPairs).get("error").asText()).contains("'oops' is not a key=value pair");
        assertThat(Http.json(http().post("/retract-partition", form, "partition=a&&b=c")).get("error").asText())
                .contains("empty part");
        HttpResponse<String> badEscape = http().post("/retract-partition", form, "partition=%zz");
        assertErrorShape(badEscape, 400, "/retract-partition");
        assertThat(Http.json(badEscape).get("error").asText()).contains("bad percent-encoding");
        HttpResponse<String> worker = http().post("/write_async", form, "not a form at all");
        assertErrorShape(worker, 400, "/write_async");
        // a body read as a form by the endpoint itself, whatever its type
        assertErrorShape(http().post("/retract-partition", "application/json", "%zz=1"), 400, "/retract-partition");
        // a real form where JSON is expected: the media type is wrong
        HttpResponse<String> formToJson = http().post("/datastore/streamdata", form, "h=1&t=2");
        assertErrorShape(formToJson, 415, "/datastore/streamdata");
        assertThat(Http.json(formToJson).get("error").asText()).contains("send application/json");
    }

    static void assertErrorShape(HttpResponse<String> response, int status, String path) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = Http.json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("path").asText()).isEqualTo(path);
        assertThat(body.get("error").asText()).isNotBlank();
    }

}
