package org.daqhub.requests;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What transformers report, as {@code /openapi.json} describes it (the worker verbs' {@code type}).
 * {@link WorkerProtocol} reads these bodies field by field rather than binding them: ServiceX's
 * transformers of several years send file ids as numbers or strings and info of any type, and a
 * report it cannot read costs a file's result, so it takes what it can and names what it cannot.
 */
public final class WorkerReports {

    private WorkerReports() {
    }

    /** {@code POST .../{id}/{file_id}/status}: a form, as ServiceX's transformers send it, or JSON. */
    @Schema(name = "WorkerFileStatus", description = "One step of a file")
    public record FileStatus(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2022-02-01T10:00:00.000000") String timestamp,
            @JsonProperty("status-code") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "start")
            String statusCode, @JsonProperty("pod-name") String podName, String info) {
    }

    /** {@code PUT .../{id}/file-complete}: a file's result, counted once however often it comes. */
    @Schema(name = "WorkerFileComplete", description = "A file's result")
    public record FileComplete(
            @JsonProperty("file-id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long fileId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"success", "failure"})
            String status, @JsonProperty("total-time") Integer totalTime, @JsonProperty("total-bytes") Long totalBytes,
            @JsonProperty("total-events") Long totalEvents, @JsonProperty("avg-rate") Double avgRate,
            @JsonProperty("num-messages") Integer numMessages, String info) {
    }

    /** {@code PUT .../{id}/complete}: the DID finder's totals, in any order with the results. */
    @Schema(name = "WorkerTotals", description = "The request's totals")
    public record Totals(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0") long files,
            @JsonProperty("files-skipped") Long filesSkipped, @JsonProperty("total-events") Long totalEvents,
            @JsonProperty("total-bytes") Long totalBytes) {
    }

    /** {@code POST .../{id}/status}: a request-level status; severity fatal ends the request. */
    @Schema(name = "WorkerStatus", description = "A request-level status")
    public record Status(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String timestamp, String severity,
            String info, String source) {
    }
}
