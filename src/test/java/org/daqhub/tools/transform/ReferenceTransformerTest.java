package org.daqhub.tools.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.processors.filewriter.hdf5.Compression;
import org.daqhub.support.TestImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReferenceTransformerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Every report, in order, as text. */
    private final List<String> reported = new ArrayList<>();
    private final List<Map<String, Object>> completions = new ArrayList<>();

    private final Reports reports = new Reports() {
        @Override
        public void fileStatus(String requestId, long fileId, String statusCode, String podName, String info) {
            reported.add(requestId + "/" + fileId + " " + statusCode + " " + podName);
        }

        @Override
        public void fileComplete(String requestId, Map<String, Object> result) {
            reported.add(requestId + "/" + result.get("file-id") + " complete " + result.get("status"));
            completions.add(result);
        }
    };

    @ParameterizedTest
    @EnumSource(Compression.class)
    void statisticsOfEveryImageWhateverTheCompression(Compression compression) {
        Path file = TestImageFiles.write(dir.resolve("run.h5"), 5, compression);

        List<ImageStatistics> images = ImageFileStatistics.of(file);

        assertThat(images).hasSize(5);
        for (int i = 0; i < 5; i++) {
            ImageStatistics s = images.get(i);
            assertThat(s.index()).isEqualTo(i);
            assertThat(s.sum()).isEqualTo((double) TestImageFiles.sum(i));
            assertThat(s.max()).isEqualTo((double) TestImageFiles.max(i));
            assertThat(s.saturated()).isEqualTo(i);
            assertThat(s.pixels()).isEqualTo(TestImageFiles.HEIGHT * TestImageFiles.WIDTH);
        }
    }

    @Test
    void transformsAFileIntoJsonStatisticsAndReportsLikeAServiceXTransformer() throws Exception {
        Path file = TestImageFiles.write(dir.resolve("in/run.h5"), 3, Compression.NONE);
        ReferenceTransformer t = new ReferenceTransformer(reports, "pod-1", null);

        t.process(message("r-1", 7, file, "sum,max", null, "json"));

        assertThat(reported).containsExactly("r-1/7 start pod-1", "r-1/7 success pod-1", "r-1/7 complete success");
        Map<String, Object> result = completions.get(0);
        assertThat(result).containsEntry("total-events", 3).containsEntry("num-messages", 1)
                .containsEntry("file-path", file.toString());
        Path out = dir.resolve("results/r-1/7_run.h5.stats.json");
        assertThat(result.get("total-bytes")).isEqualTo(Files.size(out));
        JsonNode stats = JSON.readTree(out.toFile());
        assertThat(stats.get("file").asText()).isEqualTo(file.toString());
        assertThat(stats.get("images")).hasSize(3);
        assertThat(stats.get("images").get(2).get("sum").asLong()).isEqualTo(TestImageFiles.sum(2));
        assertThat(stats.get("images").get(2).get("saturated").asLong()).isEqualTo(2);
        try (var leftovers = Files.list(out.getParent())) {
            assertThat(leftovers).as("no temporary file left").hasSize(1);
        }
    }

    @Test
    void csvResults() throws Exception {
        Path file = TestImageFiles.write(dir.resolve("run.h5"), 2, Compression.LZ4);
        new ReferenceTransformer(reports, "pod", null).process(message("r-2", 1, file, "sum", null, "csv"));

        assertThat(Files.readString(dir.resolve("results/r-2/1_run.h5.stats.csv"), StandardCharsets.UTF_8))
                .isEqualTo("index,sum,max,saturated,pixels\n0," + TestImageFiles.sum(0) + ",1,0,128\n1,"
                        + TestImageFiles.sum(1) + ",65535,1,128\n");
    }

    @Test
    void aFileThatIsNotHdf5FailsWithTheReasonAndIsStillReported() throws Exception {
        Path file = dir.resolve("garbage.h5");
        Files.writeString(file, "not an HDF5 file");
        ReferenceTransformer t = new ReferenceTransformer(reports, "pod", null);

        t.process(message("r-3", 4, file, "sum", null, "json"));

        assertThat(reported).containsExactly("r-3/4 start pod", "r-3/4 failure pod", "r-3/4 complete failure");
        assertThat((String) completions.get(0).get("info")).isNotBlank();
        assertThat(t.failures()).isEqualTo(1);
        assertThat(dir.resolve("results/r-3")).doesNotExist();
    }

    @Test
    void aMissingFileAndASelectionExpressionFailWithTheirReason() throws Exception {
        Path file = TestImageFiles.write(dir.resolve("run.h5"), 1, Compression.NONE);
        ReferenceTransformer t = new ReferenceTransformer(reports, "pod", null);

        t.process(message("r-4", 1, dir.resolve("missing.h5"), "sum", null, "json"));
        t.process(message("r-4", 2, file, null, "(= event 1)", "json"));

        assertThat(completions).extracting(m -> m.get("status")).containsExactly("failure", "failure");
        assertThat((String) completions.get(1).get("info")).contains("selection");
    }

    @Test
    void deliveriesAreAcknowledgedRejectedOrRequeued() {
        ReferenceTransformer ok = new ReferenceTransformer(reports, "pod", null);
        Path file = TestImageFiles.write(dir.resolve("run.h5"), 1, Compression.NONE);
        assertThat(TransformerWorkers.handle(bytes(message("r", 1, file, "sum", null, "json")), ok))
                .isEqualTo(TransformerWorkers.Outcome.ACK);
        assertThat(TransformerWorkers.handle("{\"no\": 1}".getBytes(StandardCharsets.UTF_8), ok))
                .isEqualTo(TransformerWorkers.Outcome.REJECT);
        ReferenceTransformer unreachableHub = new ReferenceTransformer(new HttpReports("http://127.0.0.1:9"), "pod", null);
        assertThat(TransformerWorkers.handle(bytes(message("r", 1, file, "sum", null, "json")), unreachableHub))
                .isEqualTo(TransformerWorkers.Outcome.REQUEUE);
    }

    private TransformMessage message(String request, long fileId, Path file, String columns, String selection,
            String format) {
        return new TransformMessage(request, fileId, file.toString(), columns, selection, null, format,
                dir.resolve("results").resolve(request));
    }

    private static byte[] bytes(TransformMessage m) {
        try {
            return JSON.writeValueAsBytes(Map.of("request-id", m.requestId(), "file-id", m.fileId(), "file-path",
                    m.filePath(), "columns", m.columns(), "result-format", m.resultFormat(), "result-path",
                    m.resultPath().toString()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
