package org.daqhub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.daqhub.support.Http;
import org.daqhub.support.HubTestSupport;
import org.daqhub.support.RouteFiles;
import org.junit.jupiter.api.Test;

/**
 * REST routes named in daqhub.http.synchronous-routes (the registry's, by default) are answered on
 * the request thread; every other route still goes through Spring MVC and platform-http's executor.
 */
class SynchronousRoutesTest extends HubTestSupport {

    private static final String LOOKUP = "{\"uid_regex\": \".*\", \"data_type\": \"TPSet\"}";

    @Test
    void registryRequestsAreAnsweredOnTheRequestThreadAndOthersAreNot() {
        long before = served();
        assertThat(http().postJson("/publish", """
                {"partition": "sync-test", "connections": [{"uid": "a", "uri": "tcp://h:1", "data_type": "TPSet",
                 "connection_type": 0}]}""").statusCode()).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            assertThat(http().postJson("/getconnection/sync-test", LOOKUP).body()).contains("tcp://h:1");
        }
        assertThat(http().get("/hub/info").statusCode()).isEqualTo(200);
        assertThat(served()).isEqualTo(before + 3);
    }

    @Test
    void errorsOnTheSynchronousPathKeepTheHubShape() {
        var response = http().postJson("/getconnection/sync-test", "{\"uid_regex\": ");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asText()).containsIgnoringCase("json");
        assertThat(Http.json(response).get("path").asText()).isEqualTo("/getconnection/sync-test");
    }

    @Test
    void aRouteAddedOrRemovedByAReloadIsFollowed() {
        RouteFiles.write(ROUTES_DIR, "sync-probe.yaml", """
                - rest:
                    get:
                      - id: registry-sync-probe
                        path: /sync-probe
                        to: direct:sync-probe
                - route:
                    id: sync-probe-route
                    from:
                      uri: direct:sync-probe
                      steps:
                        - setBody:
                            constant: probed
                """);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> http().get("/sync-probe").statusCode() == 200);
            long before = served();
            assertThat(http().get("/sync-probe").body()).isEqualTo("probed");
            assertThat(served()).isEqualTo(before + 1);
        } finally {
            RouteFiles.delete(ROUTES_DIR, "sync-probe.yaml");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> http().get("/sync-probe").statusCode() == 404);
    }

    @Test
    void inflightExchangesAreGaugedPerRoute() {
        assertThat(http().get("/actuator/prometheus").body())
                .containsPattern("camel_exchanges_inflight\\{[^}]*routeId=\"registry-lookup-route\"[^}]*} 0\\.0");
    }

    private long served() {
        Matcher m = Pattern.compile("(?m)^daqhub_http_synchronous_requests_total(?:\\{[^}]*})? ([0-9.E]+)$")
                .matcher(http().get("/actuator/prometheus").body());
        assertThat(m.find()).as("daqhub_http_synchronous_requests_total is exposed").isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
