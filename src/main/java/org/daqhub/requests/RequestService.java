package org.daqhub.requests;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.broker.HubEvent;
import org.daqhub.processors.statistics.Counters;
import org.daqhub.web.FormBodies;
import org.daqhub.web.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transformation requests (bean {@code requests}): submission, the user-facing queries and cancel,
 * the end of a request, and keeping every active request moving (files a worker went silent on are
 * queued again; queues a broker restart dropped are declared and filled again).
 */
public class RequestService {

    private static final Logger LOG = LoggerFactory.getLogger(RequestService.class);
    private static final List<String> ACTIVE = List.of(TransformRequest.SUBMITTED, TransformRequest.RUNNING);

    private final RequestProperties properties;
    private final RequestStore store;
    private final RequestQueues queues;
    private final InputFiles inputs;
    private final NewRequestParser parser;
    private final ObjectMapper json;
    private final TransformerLauncher launcher;
    private final String appVersion;
    private final Counters<RequestCounter> statistics = Counters.shared(RequestCounter.class);
    private RequestDispatch dispatch;

    private static final TypeReference<Map<String, Object>> STATUS_FIELDS = new TypeReference<>() {
    };

    public RequestService(RequestProperties properties, RequestStore store, RequestQueues queues,
            TransformerLauncher launcher, ObjectMapper json, NewRequestParser parser, String appVersion) {
        this.properties = properties;
        this.store = store;
        this.queues = queues;
        this.launcher = launcher;
        this.json = json;
        this.appVersion = appVersion;
        this.inputs = new InputFiles(properties.dataRoot(), properties.maxFiles());
        this.parser = parser;
    }

    /** Set once the routes are up (RequestConfiguration). */
    public void dispatchTo(RequestDispatch dispatch) {
        this.dispatch = dispatch;
    }

    public RequestStore store() {
        return store;
    }

    public Counters<RequestCounter> statistics() {
        return statistics;
    }

    /**
     * {@code POST /servicex/transformation}: {@code {"request_id"}} once every file is queued.
     * {@code userId} is the submitting user when auth is on (the auth filter's header), else null.
     */
    public RequestAnswers.Submitted submit(String body, String contentType, String host, Map<String, Object> headers,
            String userId) {
        NewRequest r = contentType != null && contentType.startsWith("application/x-www-form-urlencoded")
                ? parser.parseForm(formFields(body, headers)) : parser.parse(body);
        List<Path> files = r.did() != null ? inputs.resolveDid(r.did()) : inputs.resolveList(r.fileList());
        String id = UUID.randomUUID().toString();
        String endpoint = "http://" + (host == null ? "localhost" : host) + properties.basePath()
                + "/internal/transformation/" + id;
        queues.declare(id);
        Long submittedBy = userId == null || userId.isBlank() ? null : Long.valueOf(userId);
        List<InputFile> stored = store.insert(id, r, files, submittedBy, appVersion, endpoint);
        TransformRequest request = found(id);
        try {
            dispatch.publish(stored.stream().map(f -> delivery(request, f)).toList());
        } catch (RuntimeException e) {
            // nothing reached a worker: the request fails rather than waiting for ever
            end(id, TransformRequest.FATAL, "could not queue the files: " + e.getMessage());
            throw e;
        }
        statistics.increment(RequestCounter.SUBMITTED);
        statistics.add(RequestCounter.FILES_QUEUED, stored.size());
        start(id);
        LOG.info("Request {} submitted: {} files from {}", id, files.size(), request.did());
        return new RequestAnswers.Submitted(id);
    }

    /** The request's fields from a form body, or from the headers platform-http made of it. */
    private static Map<String, String> formFields(String body, Map<String, Object> headers) {
        Map<String, String> m = new LinkedHashMap<>(FormBodies.parse(body));
        for (String field : NewRequestParser.FIELDS) {
            Object v = headers == null ? null : headers.get(field);
            if (v != null && !m.containsKey(field)) {
                m.put(field, v.toString());
            }
        }
        return m;
    }

    /** Running, and the embedded transformers (if on) consume its queue. */
    public void start(String requestId) {
        TransformRequest request = found(requestId);
        store.transition(requestId, List.of(TransformRequest.SUBMITTED), TransformRequest.RUNNING, null);
        if (properties.embeddedTransformers()) {
            launcher.launch(request);
        }
    }

    Delivery delivery(TransformRequest r, InputFile f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request-id", r.requestId());
        m.put("file-id", f.id());
        m.put("columns", r.columns());
        m.put("selection", r.selection());
        m.put("file-path", f.path());
        // ServiceX_App 2022 sends the file's replicas as "paths" (comma separated), which the uproot
        // transformers read from February 2022 on; older ones read "file-path".
        m.put("paths", f.path());
        m.put("tree-name", r.treeName());
        m.put("service-endpoint", r.serviceEndpoint());
        m.put("result-destination", r.resultDestination());
        m.put("result-format", r.resultFormat());
        m.put("result-path", resultPath(r.requestId()).toString());
        try {
            return new Delivery(r.requestId(), json.writeValueAsString(m));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Path resultPath(String requestId) {
        return properties.resultsDir().toAbsolutePath().normalize().resolve(requestId);
    }

    /** {@code GET /servicex/transformation}. */
    public RequestAnswers.Requests list(String submittedBy) {
        Long by = null;
        if (submittedBy != null && !submittedBy.isBlank()) {
            try {
                by = Long.parseLong(submittedBy);
            } catch (NumberFormatException e) {
                throw RequestErrors.badRequest("submitted_by must be a user id (an integer)");
            }
        }
        return new RequestAnswers.Requests(store.all(by).stream().map(r -> RequestAnswers.Request.of(r, null)).toList());
    }

    /**
     * {@code GET /servicex}: ServiceX's info, as its client reads it ({@code ServiceXInfo}): the hub
     * has no code generators (its transformers take column names), and none of ServiceX's optional
     * capabilities (object-store result URLs and the like).
     */
    public RequestAnswers.Info info() {
        return new RequestAnswers.Info(appVersion, Map.of(), List.of());
    }

    /** {@code GET /servicex/transformation/{id}}. */
    public RequestAnswers.Request get(String requestId) {
        return RequestAnswers.Request.of(found(requestId), resultPath(requestId).toString());
    }

    /** {@code GET .../{id}/status[?details=]}: details only when it says true (ServiceX took any text). */
    public RequestAnswers.Status status(String requestId, String details) {
        TransformRequest r = found(requestId);
        return RequestAnswers.Status.of(r, store.summary(requestId), isTrue(details));
    }

    /**
     * For the operator console: each running request with its files done, failed and remaining
     * and its first errors.
     */
    public RequestAnswers.Console console() {
        List<RequestAnswers.Running> running = new ArrayList<>();
        for (TransformRequest r : store.active()) {
            List<RequestAnswers.FileError> errors = store.errors(r.requestId());
            running.add(new RequestAnswers.Running(RequestAnswers.Status.of(r, store.summary(r.requestId()), false),
                    r.title(), errors.subList(0, Math.min(3, errors.size()))));
        }
        return new RequestAnswers.Console(running, statistics.snapshot());
    }

    static boolean isTrue(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return switch (text.trim().toLowerCase()) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw RequestErrors.badRequest("details must be true or false, not '" + text + "'");
        };
    }

    /** {@code GET .../{id}/errors}: one entry per failed file. */
    public RequestAnswers.Errors errors(String requestId) {
        found(requestId);
        return new RequestAnswers.Errors(store.errors(requestId));
    }

    /**
     * {@code GET .../{id}/deployment-status}: ServiceX answers the status of the request's transformer
     * Deployment (Kubernetes' DeploymentStatus, snake_case) and 404 once the request has ended and its
     * transformers are gone. The hub's transformers are the consumers of the request's queue (its
     * embedded ones and any outside worker), so replicas are the workers asked for and the ready ones
     * those consuming now.
     */
    public RequestAnswers.DeploymentStatus deploymentStatus(String requestId) {
        TransformRequest r = found(requestId);
        if (!ACTIVE.contains(r.status())) {
            throw RequestErrors.notFound("Deployment not found: '" + requestId + "'");
        }
        int replicas = Math.max(1, r.workers() == null ? 1 : r.workers());
        int ready;
        try {
            ready = queues.consumers(requestId);
        } catch (RuntimeException e) {
            throw RequestErrors.error(Problem.UNAVAILABLE, "The broker cannot say who reads request " + requestId + " now: "
                    + e.getMessage());
        }
        boolean available = ready > 0;
        // last_transition_time is not tracked: the hub has no Deployment object
        RequestAnswers.DeploymentCondition condition = new RequestAnswers.DeploymentCondition(null,
                Instant.now().toString(), ready + " of " + replicas + " transformers read the request's queue",
                available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable", available ? "True" : "False",
                "Available");
        return new RequestAnswers.DeploymentStatus(ready, null, List.of(condition), 1, ready, replicas,
                Math.max(0, replicas - ready), replicas);
    }

    /** {@code GET .../{id}/cancel}. */
    public RequestAnswers.Message cancel(String requestId) {
        found(requestId);
        if (!end(requestId, TransformRequest.CANCELED, null)) {
            throw RequestErrors.badRequest("Transform request with id " + requestId + " is not in progress ("
                    + found(requestId).status() + ")");
        }
        return new RequestAnswers.Message("Canceled transformation request " + requestId);
    }

    /** Moves an active request to a final status; false if it had ended already. */
    boolean end(String requestId, String status, String failure) {
        if (!store.transition(requestId, ACTIVE, status, failure)) {
            return false;
        }
        ended(requestId);
        return true;
    }

    /** Completes the request if every file has its result; true if this call completed it. */
    boolean completeIfDone(String requestId) {
        if (store.completeIfDone(requestId)) {
            ended(requestId);
            return true;
        }
        return false;
    }

    private void ended(String requestId) {
        statistics.increment(RequestCounter.ENDED);
        TransformRequest r = found(requestId);
        LOG.info("Request {} ended: {}{}", requestId, r.status(),
                r.failureDescription() == null ? "" : " (" + r.failureDescription() + ")");
        dispatch.ended(r);
    }

    /** After a request ended: its transformers stop and its queue (with what is left in it) goes. */
    public void release(String requestId) {
        launcher.stop(requestId);
        try {
            queues.delete(requestId);
        } catch (RuntimeException e) {
            LOG.warn("Queue {} not deleted now ({}); GET {}/queues lists it", requestId, e.getMessage(),
                    properties.basePath());
        }
    }

    /**
     * Turns the ended request in the body into its hub event: {@code request.<status>} (complete,
     * fatal, canceled) on the event-streams exchange, with the request's counts.
     */
    public HubEvent event(TransformRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "request." + r.status().toLowerCase());
        // the status answer's fields, without the stats
        m.putAll(json.convertValue(RequestAnswers.Status.of(r, store.summary(r.requestId()), false), STATUS_FIELDS));
        m.remove("stats");
        m.put("title", r.title());
        m.put("failure-info", r.failureDescription());
        m.put("result-path", resultPath(r.requestId()).toString());
        return new HubEvent("request." + r.status().toLowerCase(), m);
    }

    TransformRequest found(String requestId) {
        return store.find(requestId).orElseThrow(() -> RequestErrors.notFound(
                "Transformation request not found with id: " + requestId));
    }

    /**
     * Files no worker has reported on for {@code file-timeout}: queued again, or, after
     * {@code max-attempts}, recorded as failed (which may complete their request). Answers the
     * messages to publish.
     */
    public List<Delivery> requeueStale() {
        List<Delivery> deliveries = new ArrayList<>();
        for (InputFile f : store.stale(Instant.now().minus(properties.fileTimeout()))) {
            TransformRequest r = store.find(f.requestId()).orElse(null);
            if (r == null || !r.active()) {
                continue;
            }
            if (f.attempts() >= properties.maxAttempts()) {
                String info = "no report from a transformer for " + properties.fileTimeout() + ", " + f.attempts()
                        + " attempt(s)";
                if (store.insertResult(f.requestId(), r.did(), new FileResult(f.id(), f.path(), "failure", null, 0L,
                        0L, 0.0, 0, info))) {
                    statistics.increment(RequestCounter.FILES_TIMED_OUT);
                    LOG.warn("Request {} file {} failed: {}", f.requestId(), f.id(), info);
                    completeIfDone(f.requestId());
                }
            } else if (store.requeue(f)) {
                LOG.warn("Request {} file {} queued again: no report for {}", f.requestId(), f.id(),
                        properties.fileTimeout());
                statistics.increment(RequestCounter.FILES_REQUEUED);
                deliveries.add(delivery(r, f));
            }
        }
        return deliveries;
    }

    /**
     * At start and after the broker connection came back: an active request whose queue the broker
     * no longer has gets it again with the files that have no result yet, and its transformers. A
     * request still Submitted (the hub stopped between storing it and starting it) is started: its
     * files are either in its queue or queued again here, and a file that was stored but never
     * published is queued again by {@link #requeueStale} after {@code file-timeout}.
     */
    public void recover() {
        for (TransformRequest r : store.active()) {
            try {
                if (!queues.exists(r.requestId())) {
                    queues.declare(r.requestId());
                    List<Delivery> lost = store.unfinished(r.requestId()).stream().map(f -> delivery(r, f)).toList();
                    LOG.warn("Request {}: its queue was gone; {} files queued again", r.requestId(), lost.size());
                    dispatch.publish(lost);
                }
                if (r.status().equals(TransformRequest.SUBMITTED)) {
                    LOG.warn("Request {} was still Submitted: started now", r.requestId());
                    start(r.requestId());
                } else if (properties.embeddedTransformers()) {
                    launcher.launch(r);
                }
            } catch (RuntimeException e) {
                LOG.warn("Request {} not recovered now: {}", r.requestId(), e.getMessage());
            }
        }
    }

    /** {@code GET {base}/queues}: the request queues left behind on the broker. */
    public RequestAnswers.Queues leftoverQueues() {
        return new RequestAnswers.Queues(queues.leftBehind());
    }

    /** {@code DELETE {base}/queues}: deletes them. */
    public RequestAnswers.Deleted deleteLeftoverQueues() {
        List<String> names = queues.leftBehind();
        names.forEach(queues::delete);
        return new RequestAnswers.Deleted(names);
    }
}
