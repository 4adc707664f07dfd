package org.daqhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.daqhub.support.Http;
import org.daqhub.support.HubProcess;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, run the way the README says, on a machine with nothing else running: healthy
 * (within 60 s, generous for a loaded 2-core machine); on SIGTERM a request in flight still gets its answer, then the process exits 0
 * (what OpenShift expects of a rolling update).
 */
class HubProcessIT {

    /** A route that takes 3 s, so a request is surely in flight when SIGTERM arrives. */
    private static final String SLOW_ROUTE = """
            - rest:
                get:
                  - path: /slow
                    to: direct:slow
            - route:
                id: slow
                from:
                  uri: direct:slow
                  steps:
                    - delay:
                        constant: 3000
                    - setBody:
                        constant: finished
            """;

    @Test
    void jarStartsHealthyAndFinishesInFlightWorkOnSigterm() throws Exception {
        try (HubProcess hub = HubProcess.start("process", List.of(), Map.of("slow.yaml", SLOW_ROUTE))) {
            Http http = hub.awaitHealthy(Duration.ofSeconds(60)).http();
            assertThat(http.get("/hub/info").statusCode()).isEqualTo(200);

            CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(http.uri("/slow")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/actuator/prometheus").body()
                    .matches("(?s).*camel_exchanges_inflight\\{[^}]*routeId=\"slow\"[^}]*} 1\\.0.*"));

            // an open console page: its stream must not hold the graceful shutdown up
            java.net.Socket page = new java.net.Socket("127.0.0.1", http.uri("/").getPort());
            page.getOutputStream().write("GET /hub/console/stream HTTP/1.1\r\nHost: hub\r\n\r\n".getBytes());
            java.io.InputStream stream = page.getInputStream();
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.available() > 0);

            hub.process().destroy(); // SIGTERM
            HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("finished");
            assertThat(hub.process().waitFor(60, TimeUnit.SECONDS)).as("exited within 60 s").isTrue();
            assertThat(hub.process().exitValue()).as("exit status; log in " + hub.log()).isZero();
            assertThat(hub.logText()).doesNotContain("Graceful shutdown aborted");
            page.close();
        }
    }
}
