package org.daqhub.tools.transform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's reference transformer, one file at a time: reads the HDF5 file a message names,
 * computes every image's statistics, writes them to the request's result directory, and reports
 * the file as a ServiceX transformer does (status {@code start}, then file-complete with
 * {@code success} or {@code failure} and the reason). It interprets no {@code selection}
 * expression: a request that gives one instead of {@code columns} gets each file failed with that
 * reason.
 */
public final class ReferenceTransformer {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceTransformer.class);

    private final Reports reports;
    private final String podName;
    private final Path outputDir;
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /** @param outputDir where results go when a message carries no result-path (null: use the message's) */
    public ReferenceTransformer(Reports reports, String podName, Path outputDir) {
        this.reports = reports;
        this.podName = podName;
        this.outputDir = outputDir;
    }

    public long files() {
        return files.get();
    }

    public long failures() {
        return failures.get();
    }

    /** Transforms the file of one message and reports it; only a failure to report is thrown. */
    public void process(TransformMessage m) throws IOException {
        reports.fileStatus(m.requestId(), m.fileId(), "start", podName, "transforming " + m.filePath());
        long start = System.nanoTime();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file-id", m.fileId());
        result.put("file-path", m.filePath());
        try {
            if (m.columns() == null && m.selection() != null) {
                throw new IllegalArgumentException("selection expressions are not supported by the reference"
                        + " transformer; give columns instead");
            }
            Path dir = outputDir != null ? outputDir.resolve(m.requestId()) : m.resultPath();
            if (dir == null) {
                throw new IllegalArgumentException("the message has no result-path and no output directory is set");
            }
            List<ImageStatistics> images = ImageFileStatistics.of(Path.of(m.filePath()));
            Path out = StatisticsFile.write(dir, m.fileId(), Path.of(m.filePath()), images, m.resultFormat());
            double seconds = (System.nanoTime() - start) / 1e9;
            result.put("status", "success");
            result.put("total-time", Math.max(0, Math.round(seconds)));
            result.put("total-bytes", Files.size(out));
            result.put("total-events", images.size());
            result.put("avg-rate", seconds > 0 ? images.size() / seconds : images.size());
            result.put("num-messages", 1);
            reports.fileStatus(m.requestId(), m.fileId(), "success", podName, "wrote " + out);
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() != null ? e.getClass().getSimpleName() + ": " + e.getMessage()
                    : e.getClass().getName();
            LOG.warn("Request {} file {} ({}) failed: {}", m.requestId(), m.fileId(), m.filePath(), reason);
            failures.incrementAndGet();
            result.put("status", "failure");
            result.put("total-time", Math.round((System.nanoTime() - start) / 1e9));
            result.put("total-bytes", 0);
            result.put("total-events", 0);
            result.put("avg-rate", 0);
            result.put("num-messages", 0);
            result.put("info", reason);
            reports.fileStatus(m.requestId(), m.fileId(), "failure", podName, reason);
        }
        files.incrementAndGet();
        reports.fileComplete(m.requestId(), result);
    }
}
