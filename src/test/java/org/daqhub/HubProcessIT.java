package org.daqhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.daqhub.support.FreePorts;
import org.daqhub.support.Http;
import org.daqhub.support.RouteFiles;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, run the way the README says, on a machine with nothing else running: healthy
 * within 30 s; on SIGTERM a request in flight still gets its answer, then the process exits 0
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
        Path jar = Path.of("target", "daq-hub.jar");
        assertThat(jar).exists();
        Path data = Files.createTempDirectory("daqhub-process");
        Path routes = Files.createDirectories(data.resolve("routes"));
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        RouteFiles.write(routes, "slow.yaml", SLOW_ROUTE);
        int httpPort = FreePorts.tcp();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process hub = new ProcessBuilder(List.of(java, "-jar", jar.toString(),
                "--server.port=" + httpPort,
                "--daqhub.data-dir=" + data,
                "--daqhub.routes-dir=" + routes,
                "--daqhub.detector.buffer-dir=" + data,
                "--daqhub.broker.port=" + FreePorts.tcp()))
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("hub.log").toFile())
                .start();
        try {
            Http http = new Http("http://127.0.0.1:" + httpPort);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> http.get("/actuator/health").body().startsWith("{\"status\":\"UP\""));
            assertThat(http.get("/hub/info").statusCode()).isEqualTo(200);

            CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(http.uri("/slow")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/actuator/prometheus").body()
                    .matches("(?s).*camel_exchanges_inflight\\{[^}]*routeId=\"slow\"[^}]*} 1\\.0.*"));

            hub.destroy(); // SIGTERM
            HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("finished");
            assertThat(hub.waitFor(60, TimeUnit.SECONDS)).as("exited within 60 s").isTrue();
            assertThat(hub.exitValue()).as("exit status; log in " + data + File.separator + "hub.log").isZero();
        } finally {
            hub.destroyForcibly();
        }
    }
}
