package org.daqhub.requests;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answers of request orchestration as ServiceX_App (2022) gives them and its clients read them
 * (its wire names, keys in its order, nulls written out), and as {@code /openapi.json} describes
 * them (the verbs' {@code outType}).
 */
public final class RequestAnswers {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private RequestAnswers() {
    }

    /** {@code POST /servicex/transformation}: once every file is queued. */
    @Schema(name = "RequestSubmitted")
    public record Submitted(@JsonProperty("request_id") String requestId) {
    }

    /** {@code GET /servicex}: the hub has no code generators and none of ServiceX's optional capabilities. */
    @Schema(name = "RequestServiceInfo", description = "ServiceX's info, as its client reads it (ServiceXInfo)")
    public record Info(@JsonProperty("app-version") String appVersion,
            @JsonProperty("code-gen-image") Map<String, String> codeGenImage, List<String> capabilities) {
    }

    /** {@code GET /servicex/transformation}. */
    @Schema(name = "Requests")
    public record Requests(List<Request> requests) {
    }

    /**
     * A request as ServiceX lists it; {@code GET .../{id}} adds where its results go. The hub has one
     * workflow (its reference transformers) and no generated code.
     */
    @Schema(name = "Request", description = "A transformation request")
    public record Request(long id, @JsonProperty("request_id") String requestId, String did, String columns,
            String selection, @JsonProperty("tree-name") String treeName, String image, Integer workers,
            @JsonProperty("result-destination") String resultDestination,
            @JsonProperty("result-format") String resultFormat,
            @JsonProperty("workflow-name") String workflowName,
            @JsonProperty("generated-code-cm") String generatedCodeCm, String status,
            @JsonProperty("failure-info") String failureInfo, @JsonProperty("app-version") String appVersion,
            @JsonProperty("code-gen-image") String codeGenImage, Integer files,
            @JsonProperty("files-skipped") Integer filesSkipped, @JsonProperty("total-events") Long totalEvents,
            @JsonProperty("total-bytes") Long totalBytes, @JsonProperty("submit-time") String submitTime,
            @JsonProperty("finish-time") String finishTime, @JsonProperty("submitted-by") Long submittedBy,
            String title,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("result-path") String resultPath) {

        static Request of(TransformRequest r, String resultPath) {
            return new Request(r.id(), r.requestId(), r.did(), r.columns(), r.selection(), r.treeName(), r.image(),
                    r.workers(), r.resultDestination(), r.resultFormat(), "daqhub_reference", null, r.status(),
                    r.failureDescription(), r.appVersion(), null, r.files(), r.filesSkipped(), r.totalEvents(),
                    r.totalBytes(), time(r.submitTime()), time(r.finishTime()), r.submittedBy(), r.title(),
                    resultPath);
        }
    }

    /** {@code GET .../{id}/status}: stats only with {@code ?details=true} and once a file has a result. */
    @Schema(name = "RequestStatus")
    public record Status(String status, @JsonProperty("request-id") String requestId,
            @JsonProperty("submit-time") String submitTime, @JsonProperty("finish-time") String finishTime,
            @JsonProperty("files-processed") long filesProcessed, @JsonProperty("files-skipped") long filesSkipped,
            @JsonProperty("files-remaining") Long filesRemaining, Stats stats) {

        static Status of(TransformRequest r, ResultSummary s, boolean details) {
            Long remaining = r.files() == null ? null : Math.max(0L, r.files() - s.results());
            return new Status(r.status(), r.requestId(), time(r.submitTime()), time(r.finishTime()), s.successes(),
                    s.failures(), remaining, details && s.results() > 0 ? Stats.of(s) : null);
        }
    }

    @Schema(name = "RequestStats", description = "Aggregates of the files' results")
    public record Stats(@JsonProperty("total-messages") Long totalMessages, @JsonProperty("min-time") Long minTime,
            @JsonProperty("max-time") Long maxTime, @JsonProperty("avg-time") Double avgTime,
            @JsonProperty("total-time") Long totalTime, @JsonProperty("avg-rate") Double avgRate,
            @JsonProperty("total-bytes") Long totalBytes, @JsonProperty("total-events") Long totalEvents) {

        static Stats of(ResultSummary s) {
            return new Stats(s.messages(), s.minTime(), s.maxTime(), s.avgTime(), s.totalTime(), s.avgRate(),
                    s.totalBytes(), s.totalEvents());
        }
    }

    /** {@code GET .../{id}/errors}. */
    @Schema(name = "RequestErrors")
    public record Errors(List<FileError> errors) {
    }

    /** A failed file: the last pod that had it, its path, its events and what the worker said. */
    @Schema(name = "RequestFileError")
    public record FileError(@JsonProperty("pod-name") String podName, String file, Long events, String info) {
    }

    /**
     * {@code GET .../{id}/deployment-status}: Kubernetes' DeploymentStatus (snake_case) as ServiceX
     * answers it; the hub's replicas are the workers asked for, the ready ones those reading the queue.
     */
    @Schema(name = "RequestDeploymentStatus")
    public record DeploymentStatus(@JsonProperty("available_replicas") int availableReplicas,
            @JsonProperty("collision_count") Integer collisionCount, List<DeploymentCondition> conditions,
            @JsonProperty("observed_generation") int observedGeneration,
            @JsonProperty("ready_replicas") int readyReplicas, int replicas,
            @JsonProperty("unavailable_replicas") int unavailableReplicas,
            @JsonProperty("updated_replicas") int updatedReplicas) {
    }

    @Schema(name = "RequestDeploymentCondition")
    public record DeploymentCondition(@JsonProperty("last_transition_time") String lastTransitionTime,
            @JsonProperty("last_update_time") String lastUpdateTime, String message, String reason, String status,
            String type) {
    }

    /** {@code GET .../{id}/cancel}. */
    @Schema(name = "RequestMessage")
    public record Message(String message) {
    }

    /** {@code GET /servicex/queues}: request queues left on the broker. */
    @Schema(name = "RequestQueues")
    public record Queues(List<String> queues) {
    }

    /** {@code DELETE /servicex/queues}: the queues deleted. */
    @Schema(name = "RequestQueuesDeleted")
    public record Deleted(List<String> deleted) {
    }

    /** For the operator console: a running request's status, title and first errors. */
    public record Running(@JsonUnwrapped Status status, String title, List<FileError> errors) {
    }

    /** The operator console's section. */
    public record Console(List<Running> running, Map<String, Long> counters) {
    }

    static String time(Instant t) {
        return t == null ? null : ISO.format(t);
    }
}
