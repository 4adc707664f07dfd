package org.daqhub.writer;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import org.daqhub.processors.filewriter.WriteProgress;

/**
 * The writer's answers: std_daq's REST proxy as its clients read it (keys sorted, as Flask sent
 * them) and the hub's own status views, as {@code /openapi.json} describes them (the verbs'
 * {@code outType}). A write's progress is {@link WriteProgress}.
 */
public final class WriterAnswers {

    private WriterAnswers() {
    }

    /** {@code POST /write_async}: the request's id, answered once the broker has it. */
    @Schema(name = "WriteAccepted")
    public record Accepted(@JsonProperty("request_id") String requestId) {
    }

    /** {@code POST /write_sync} and {@code /write_kill} once the request has ended: std_daq's answer. */
    @Schema(name = "WriteEnded")
    @JsonPropertyOrder(alphabetic = true)
    public record Ended(@JsonProperty("request_id") String requestId, Outcome response) {
    }

    /**
     * How it ended: request_success or request_fail (with the agent's message); a killed request says
     * so with the images it wrote.
     */
    @Schema(name = "WriteOutcome")
    @JsonPropertyOrder(alphabetic = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(@JsonProperty("output_file") String outputFile, String status,
            @JsonProperty("init_timestamp") BigDecimal initTimestamp, @JsonProperty("end_timestamp") BigDecimal endTimestamp,
            String message, Boolean killed, @JsonProperty("images_written") Long imagesWritten) {
    }

    /**
     * {@code GET /write/{request_id}}: the progress if this hub's writer has the request (else only
     * its id and file), the last status heard and what each service (writer agent) said last.
     */
    @Schema(name = "WriteStatus")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(@JsonUnwrapped WriteProgress progress, @JsonProperty("request_id") String requestId,
            @JsonProperty("output_file") String outputFile, String status,
            Map<String, Map<String, String>> services) {

        /**
         * @param progress this hub's writer's progress, or null if another agent has the request
         * @param tracked  what the status exchange said of it, or null if nothing yet
         */
        static Status of(String requestId, WriteProgress progress, StatusTracker.Tracked tracked) {
            String status = tracked == null ? null : tracked.status();
            Map<String, Map<String, String>> services = tracked == null ? null : tracked.services();
            // the progress carries the id and the file itself
            return progress != null ? new Status(progress, null, null, status, services)
                    : new Status(null, requestId, tracked.outputFile, status, services);
        }
    }

    /** {@code GET /writer}: the writer's settings, each detector's writer and the recent requests. */
    @Schema(name = "WriterOverview")
    public record Overview(String tag, @JsonProperty("service_name") String serviceName,
            @JsonProperty("output_roots") List<String> outputRoots, @JsonProperty("images_per_file") long imagesPerFile,
            String compression, @JsonProperty("compression_threads") int compressionThreads,
            @JsonProperty("lz4_implementation") String lz4Implementation,
            @JsonProperty("bitshuffle_implementation") String bitshuffleImplementation, List<Writer> writers,
            @JsonProperty("queued_or_recent") List<JobState> queuedOrRecent) {
    }

    /** A detector's writer: the request it runs (if any) and its counters. */
    @Schema(name = "DetectorWriter")
    public record Writer(String detector, @JsonProperty("active_request") String activeRequest,
            Map<String, Long> statistics) {
    }

    @Schema(name = "WriteJobState")
    public record JobState(@JsonProperty("request_id") String requestId, String state) {
    }

    /** For the operator console: a detector's writer with the running request's progress. */
    public record ConsoleWriter(String detector, Active active, Map<String, Long> statistics) {
    }

    /** The running request's progress and the images waiting to be written. */
    public record Active(@JsonUnwrapped WriteProgress progress, @JsonProperty("images_waiting") long imagesWaiting) {
    }

    /** The console's section. */
    public record Console(String compression, List<ConsoleWriter> writers, List<WriteProgress> recent) {
    }
}
