package org.daqhub.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.daqhub.support.Commands;
import org.daqhub.support.FreePorts;
import org.daqhub.support.Http;
import org.daqhub.support.HubProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged hub on a machine that cannot hold every detector it is given: a 72-module 32-bit
 * Eiger (std_daq's 9M geometry) under {@code -XX:MaxDirectMemorySize=128m}, and a buffer directory
 * on a 64 MiB tmpfs (a container's default /dev/shm). Each detector that does not fit is refused
 * with the numbers and the setting to change, the others and the rest of the hub run; a second hub
 * given the same buffer file is refused instead of deleting it; a clean stop removes the files.
 */
class DetectorSizingProcessIT {

    private static Path shm;

    @BeforeAll
    static void mountSmallShm() throws Exception {
        shm = Files.createTempDirectory("daqhub-shm");
        Assumptions.assumeTrue(Commands.run("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", shm.toString()),
                "cannot mount a tmpfs here (not root?)");
    }

    @AfterAll
    static void unmount() throws Exception {
        Commands.run("umount", shm.toString());
    }

    @Test
    void detectorsThatDoNotFitAreRefusedWithTheirNumbersAndTheRestRuns() throws Exception {
        Path definitions = Files.createTempDirectory("daqhub-sizing-defs");
        int port = FreePorts.udpRange(80);
        Files.writeString(definitions.resolve("small.json"), eiger("small", 4, 16, port, 10, ""));
        Files.writeString(definitions.resolve("nine-m.json"), eiger("nine-m", 72, 32, port + 4, 4, ""));
        Files.writeString(definitions.resolve("big-buffer.json"), eiger("big-buffer", 4, 16, port + 76, 100, ""));
        HubProcess hub = HubProcess.start("sizing", List.of("-XX:MaxDirectMemorySize=128m"),
                List.of("--daqhub.detector.definitions-dir=" + definitions), Map.of());
        try {
            Http http = hub.awaitHealthy(Duration.ofSeconds(90)).http();
            JsonNode list = Http.json(http.get("/detectors"));
            assertThat(list.at("/detectors").fieldNames()).toIterable().containsExactly("small");
            assertThat(list.at("/refused/nine-m.json").asText()).contains("needs").contains("MiB of direct memory")
                    .contains("72 modules").contains("frame_pool_size").contains("MaxDirectMemorySize");
            assertThat(list.at("/refused/big-buffer.json").asText()).contains("for its image buffer (100 slots")
                    .contains(shm.toString()).contains("lower buffer_slots");
            assertThat(http.get("/registry").statusCode()).as("the rest of the hub runs").isLessThan(500);
            assertThat(hub.logText()).doesNotContain("OutOfMemoryError").doesNotContain("InternalError");
            Path buffer = shm.resolve("daqhub-small.buffer");
            assertThat(buffer).exists();

            // a second hub given the same buffer file is refused; the first one's file stays
            Path second = Files.createTempDirectory("daqhub-sizing-defs2");
            Files.writeString(second.resolve("small.json"), eiger("small", 4, 16, port + 4, 10, ""));
            try (HubProcess other = HubProcess.start("sizing-2", List.of(),
                    List.of("--daqhub.detector.definitions-dir=" + second), Map.of())) {
                JsonNode refused = Http.json(other.awaitHealthy(Duration.ofSeconds(90)).http().get("/detectors"));
                assertThat(refused.at("/refused/small.json").asText()).contains("is in use by another hub (pid "
                        + hub.process().pid() + ")");
            }
            assertThat(buffer).exists();
            assertThat(Http.json(http.get("/detector/small/stats")).isObject()).isTrue();

            // a clean stop (SIGTERM) removes the buffer and its lock
            hub.process().destroy();
            assertThat(hub.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(buffer));
            assertThat(shm.resolve("daqhub-small.buffer.lock")).doesNotExist();
        } finally {
            hub.close();
        }
    }

    /** An Eiger of {@code modules} half-modules of 514 x 256 in rows of 6 (std_daq's 9M has 72), buffer on the tmpfs. */
    private static String eiger(String name, int modules, int bits, int port, int slots, String extra) {
        int columns = Math.min(modules, 6);
        int rows = (modules + columns - 1) / columns;
        StringBuilder positions = new StringBuilder();
        for (int m = 0; m < modules; m++) {
            int x = (m % columns) * 514;
            int y = (m / columns) * 256;
            positions.append(m == 0 ? "" : ", ").append('"').append(m).append("\": [").append(x).append(", ").append(y)
                    .append(", ").append(x + 513).append(", ").append(y + 255).append(']');
        }
        return "{\"detector_name\": \"" + name + "\", \"detector_type\": \"eiger\", \"n_modules\": " + modules
                + ", \"bit_depth\": " + bits + ", \"image_pixel_height\": " + rows * 256 + ", \"image_pixel_width\": "
                + columns * 514 + ", \"start_udp_port\": " + port + ", \"module_positions\": {" + positions
                + "}, \"daqhub\": {\"buffer_slots\": " + slots + ", \"buffer_dir\": \"" + shm + "\"" + extra + "}}";
    }
}
