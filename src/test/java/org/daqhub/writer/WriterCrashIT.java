package org.daqhub.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import org.daqhub.support.Http;
import org.daqhub.support.HubProcess;
import org.junit.jupiter.api.Test;

/**
 * The packaged hub killed (SIGKILL) while it writes a request: after the restart the request ends
 * as {@code request_fail} with the reason, on the status exchange (seen here by the hub's own
 * proxy) and at {@code GET /write/{id}}; the files it completed stay valid HDF5 with their images;
 * the incomplete file's temporary {@code .part} is gone, and so is its journal entry.
 */
class WriterCrashIT {

    private static final String DETECTOR = "eiger-sim";

    @Test
    void aRequestInterruptedByKillMinus9EndsAsRequestFailWithItsCompleteFilesValid() throws Exception {
        HubProcess hub = HubProcess.start("writer-crash", List.of());
        try {
            Http http = hub.awaitHealthy(Duration.ofSeconds(90)).http();
            String id = Http.json(http.postJson("/write_async", "{\"output_file\": \"crash/run.h5\", \"n_images\": 1000,"
                    + " \"images_per_file\": 2, \"detector\": \"" + DETECTOR + "\"}")).get("request_id").asText();
            WriterTests.awaitWriterActive(http, DETECTOR);
            WriterTests.simulate(http, Path.of("config/detectors"), DETECTOR, 5);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Http.json(http.get("/write/" + id)).path("images_written").asLong() == 5);
            Path dir = hub.dir().resolve("output/crash");
            assertThat(dir.resolve(".run_000003.h5.part")).as("the third file is being written").exists();

            hub = hub.killAndRestart();
            Http again = hub.awaitHealthy(Duration.ofSeconds(90)).http();

            JsonNode status = Http.json(again.get("/write/" + id));
            assertThat(status.get("state").asText()).isEqualTo("failed");
            assertThat(status.get("message").asText()).contains("the hub stopped while writing this request")
                    .contains("2 of 500 files complete, the incomplete one removed");
            assertThat(status.get("files")).hasSize(2);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "request_fail".equals(Http.json(again.get("/write/" + id)).path("status").asText()));
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted())
                        .containsExactly("run_000001.h5", "run_000002.h5");
            }
            for (String name : List.of("run_000001.h5", "run_000002.h5")) {
                try (HdfFile hdf = new HdfFile(dir.resolve(name))) {
                    assertThat(hdf.getDatasetByPath("/entry/data/data").getDimensions()[0]).isEqualTo(2);
                }
            }
            Path journal = hub.dir().resolve("writer/journal");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (Stream<Path> entries = Files.list(journal)) {
                    return entries.findAny().isEmpty();
                }
            });
        } finally {
            hub.close();
        }
    }
}
