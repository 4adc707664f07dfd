package org.daqhub.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.daqhub.processors.filewriter.hdf5.Compression;
import org.daqhub.support.Http;
import org.daqhub.support.HubProcess;
import org.daqhub.support.TestImageFiles;
import org.junit.jupiter.api.Test;

/**
 * The embedded default as shipped: the hub runs the reference transformer itself, so a request over
 * the writer's files completes with nothing else running.
 */
class RequestProcessIT {

    @Test
    void theEmbeddedTransformersCompleteARequestOutOfTheBox() throws Exception {
        try (HubProcess hub = HubProcess.start("requests", List.of("--daqhub.detector.enabled=false"))) {
            for (int f = 1; f <= 4; f++) {
                TestImageFiles.write(hub.dir().resolve("output/scan7/scan7_00000" + f + ".h5"), 5,
                        Compression.BITSHUFFLE_LZ4);
            }
            Http http = hub.awaitHealthy(Duration.ofSeconds(60)).http();
            String id = RequestTests.submit(http, "{\"did\": \"local://output/scan7/*.h5\", \"columns\": \"sum,max\","
                    + " \"result-destination\": \"volume\", \"workers\": 2, \"title\": \"scan 7\"}");

            JsonNode status = RequestTests.awaitStatus(http, id, "Complete");
            assertThat(status.get("files-processed").asInt()).as(hub.logText()).isEqualTo(4);
            assertThat(status.get("stats").get("total-events").asLong()).isEqualTo(20);
            Path results = hub.dir().resolve("results").resolve(id);
            try (var out = Files.list(results)) {
                assertThat(out.filter(p -> p.toString().endsWith(".stats.json"))).hasSize(4);
            }
            assertThat(hub.logText()).contains("2 embedded transformer(s) started");
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.logText().contains("embedded transformers stopped"));
            assertThat(http.get("/actuator/prometheus").body())
                    .contains("daqhub_requests_embedded_files_transformed_total 4.0");
        }
    }
}
