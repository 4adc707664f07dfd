package org.daqhub.requests;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What transformers report, bound by {@code JsonBodies} and described in {@code /openapi.json} (the
 * worker verbs' {@code type}). Lenient where ServiceX's transformers of several years differ: a file
 * id as a number or a string, counts and times as any JSON number. A file's status step comes as a
 * form as often as JSON, so {@link WorkerProtocol} reads that one from its fields.
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
            @JsonProperty("file-id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "integer",
                    description = "an integer, or a string of one") Object fileId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"success", "failure"})
            String status, @JsonProperty("total-time") Number totalTime, @JsonProperty("total-bytes") Number totalBytes,
            @JsonProperty("total-events") Number totalEvents, @JsonProperty("avg-rate") Number avgRate,
            @JsonProperty("num-messages") Number numMessages, String info) {
    }

    /** {@code PUT .../{id}/complete}: the DID finder's totals, in any order with the results. */
    @Schema(name = "WorkerTotals", description = "The request's totals")
    public record Totals(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0") Number files,
            @JsonProperty("files-skipped") Number filesSkipped, @JsonProperty("total-events") Number totalEvents,
            @JsonProperty("total-bytes") Number totalBytes) {
    }

    /** {@code POST .../{id}/status}: a request-level status; severity fatal ends the request. */
    @Schema(name = "WorkerStatus", description = "A request-level status")
    public record Status(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String timestamp, String severity,
            String info, String source) {
    }
}
