package org.daqhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.daqhub.support.Http;
import org.daqhub.support.HubTestSupport;
import org.junit.jupiter.api.Test;

/** The embedded default starts with no outside service and exposes health, metrics and API docs. */
class HubFoundationTest extends HubTestSupport {

    @Test
    void healthIsUpWithDatabaseAndEmbeddedBroker() {
        JsonNode health = Http.json(http().get("/actuator/health"));
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/details/database").asText()).isEqualTo("H2");
        assertThat(health.at("/components/rabbit/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/redis").isMissingNode()).isTrue();
        assertThat(health.at("/components/routes/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/routes/details/files").toString()).contains("registry.yaml");
        assertThat(Http.json(http().get("/actuator/health/readiness")).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheusExposesJvmAndPerRouteCamelMetrics() {
        http().get("/hub/info");
        String metrics = http().get("/actuator/prometheus").body();
        assertThat(metrics).contains("jvm_memory_used_bytes");
        assertThat(metrics).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"hub-info-route\"[^}]*} [1-9]");
        assertThat(metrics).contains("camel_exchanges_failed_total");
        assertThat(metrics).contains("camel_route_policy_seconds");
    }

    @Test
    void theEmbeddedDatabaseCommitsDurablyAndSaysWhatItCosts() {
        // a commit (a stream created) is forced to the device: counted in the sync metrics
        http().postJson("/event-stream/", "{\"routing_key\": \"foundation.sync\"}");
        String metrics = http().get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("daqhub_database_syncs_total [1-9]");
        assertThat(metrics).contains("daqhub_database_sync_seconds_total");
    }

    @Test
    void theWriterSaysHowItCompresses() {
        JsonNode writer = Http.json(http().get("/writer"));
        assertThat(writer.get("compression_threads").asInt()).isPositive();
        assertThat(writer.get("lz4_implementation").asText()).startsWith("LZ4Factory");
        assertThat(writer.get("bitshuffle_implementation").asText()).startsWith("JNI");
    }

    @Test
    void responsesDoNotEchoRequestHeadersOrRouteInternals() {
        var response = http().send(java.net.http.HttpRequest.newBuilder(http().uri("/getconnection/none"))
                .header("Authorization", "Bearer secret").header("X-Probe", "1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"uid_regex\":\".*\",\"data_type\":\"T\"}")));
        assertThat(response.headers().map().keySet()).map(String::toLowerCase)
                .doesNotContain("authorization", "user-agent", "x-probe", "partition")
                .contains("content-type");
    }

    @Test
    void openApiIsGeneratedFromTheYamlRestDsl() {
        JsonNode openapi = Http.json(http().get("/openapi.json"));
        assertThat(openapi.get("openapi").asText()).startsWith("3.");
        assertThat(openapi.at("/paths/~1hub~1info/get").isObject()).isTrue();
        assertThat(http().get("/swagger/index.html").body()).contains("/openapi.json");
        assertThat(http().get("/webjars/swagger-ui/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
    }
}
