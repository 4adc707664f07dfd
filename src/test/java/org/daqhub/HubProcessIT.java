package org.daqhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.daqhub.support.FreePorts;
import org.daqhub.support.Http;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, run the way the README says, on a machine with nothing else running: healthy
 * within 30 s, and on SIGTERM it finishes and exits 0 (what OpenShift expects of a rolling update).
 */
class HubProcessIT {

    @Test
    void jarStartsHealthyAndExitsZeroOnSigterm() throws Exception {
        Path jar = Path.of("target", "daq-hub.jar");
        assertThat(jar).exists();
        Path data = Files.createTempDirectory("daqhub-process");
        int httpPort = FreePorts.tcp();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process hub = new ProcessBuilder(List.of(java, "-jar", jar.toString(),
                "--server.port=" + httpPort,
                "--daqhub.data-dir=" + data,
                "--daqhub.broker.port=" + FreePorts.tcp()))
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("hub.log").toFile())
                .start();
        try {
            Http http = new Http("http://127.0.0.1:" + httpPort);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> http.get("/actuator/health").body().startsWith("{\"status\":\"UP\""));
            assertThat(http.get("/hub/info").statusCode()).isEqualTo(200);

            hub.destroy(); // SIGTERM
            assertThat(hub.waitFor(60, TimeUnit.SECONDS)).as("exited within 60 s").isTrue();
            assertThat(hub.exitValue()).as("exit status; log in " + data + File.separator + "hub.log").isZero();
        } finally {
            hub.destroyForcibly();
        }
    }
}
