package org.daqhub.requests;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.tools.transform.ReportTimes;
import org.daqhub.web.ErrorMessages;
import org.daqhub.web.FormBodies;
import org.daqhub.web.JsonBodies;
import org.daqhub.web.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What transformers report (bean {@code requestWorkers}), over HTTP at
 * {@code /servicex/internal/transformation/{id}/...} or as AMQP messages: a status line per file
 * step, a result per file (counted once, however often it is repeated), the request's totals
 * ({@code /complete}, in any order with the last result) and request-level statuses (a fatal one
 * ends the request).
 */
public class WorkerProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerProtocol.class);
    /** 400, with the text also under message (ServiceX's clients read that key). */
    private static final JsonBodies.Style STYLE = new JsonBodies.Style(Problem.BAD_INPUT, false, "message");

    private final RequestService requests;
    private final RequestStore store;
    private final ObjectMapper json;
    private final JsonBodies bodies;

    public WorkerProtocol(RequestService requests, ObjectMapper json, JsonBodies bodies) {
        this.requests = requests;
        this.store = requests.store();
        this.json = json;
        this.bodies = bodies;
    }

    /**
     * {@code POST .../{id}/{file_id}/status} (a form, as ServiceX's transformers send it, or JSON):
     * one file_status row; the file's worker is alive.
     */
    public String fileStatus(String requestId, String fileIdText, String body, String contentType,
            Map<String, Object> headers) {
        Map<String, Object> row = fileStatusRow(requestId, fileIdText, body, contentType, headers);
        store.insertFileStatus(row);
        store.touch(requestId, (Long) row.get("file_id"));
        return "Ok";
    }

    private Map<String, Object> fileStatusRow(String requestId, String fileIdText, String body, String contentType,
            Map<String, Object> headers) {
        Map<String, String> fields = fields(body, contentType, headers);
        long fileId = fileId(fileIdText != null ? fileIdText : fields.get("file-id"));
        requests.found(requestId);
        store.file(requestId, fileId).orElseThrow(() -> unknownFile(requestId, fileId));
        String status = fields.get("status-code");
        if (status == null || status.isBlank()) {
            throw RequestErrors.badRequest("status-code is missing");
        }
        Map<String, Object> row = new HashMap<>();
        row.put("file_id", fileId);
        row.put("request_id", requestId);
        row.put("status", limit(status, 128));
        row.put("timestamp", timestamp(fields.get("timestamp")));
        row.put("pod_name", limit(fields.get("pod-name"), 255));
        row.put("info", limit(fields.get("info"), 4096));
        return row;
    }

    /** {@code PUT .../{id}/file-complete}. */
    public String fileComplete(String requestId, String body) {
        WorkerReports.FileComplete report = bodies.read(body, WorkerReports.FileComplete.class, STYLE);
        long fileId = fileId(report.fileId() == null ? null : report.fileId().toString());
        TransformRequest r = requests.found(requestId);
        InputFile file = store.file(requestId, fileId).orElseThrow(() -> unknownFile(requestId, fileId));
        if (report.status() == null) {
            throw RequestErrors.badRequest("status is missing (success or failure)");
        }
        FileResult result = new FileResult(fileId, file.path(), report.status(), integer(report.totalTime()),
                whole(report.totalBytes()), whole(report.totalEvents()),
                report.avgRate() == null ? null : report.avgRate().doubleValue(), integer(report.numMessages()),
                report.info());
        if (!store.insertResult(requestId, r.did(), result)) {
            requests.statistics().increment(RequestCounter.RESULTS_DUPLICATE);
            LOG.info("Request {} file {}: result reported again, counted once", requestId, fileId);
            return "Ok";
        }
        requests.statistics().increment(RequestCounter.RESULTS_RECORDED);
        requests.completeIfDone(requestId);
        return "Ok";
    }

    /** {@code PUT .../{id}/complete}: the totals of the DID finder. */
    public String complete(String requestId, String body) {
        WorkerReports.Totals totals = bodies.read(body, WorkerReports.Totals.class, STYLE);
        requests.found(requestId);
        Long files = whole(totals.files());
        if (files == null || files < 0) {
            throw RequestErrors.badRequest("files must be a count of files");
        }
        store.totals(requestId, files.intValue(), orZero(whole(totals.filesSkipped())).intValue(),
                orZero(whole(totals.totalEvents())), orZero(whole(totals.totalBytes())));
        requests.completeIfDone(requestId);
        return "Ok";
    }

    /** {@code POST .../{id}/start}. */
    public String start(String requestId) {
        requests.start(requestId);
        return "Ok";
    }

    /** {@code POST .../{id}/status}: {@code severity: fatal} ends the request as Fatal with the info. */
    public String status(String requestId, String body) {
        WorkerReports.Status report = bodies.read(body, WorkerReports.Status.class, STYLE);
        requests.found(requestId);
        if (report.timestamp() == null) {
            throw RequestErrors.badRequest("timestamp is missing");
        }
        String info = report.info();
        LOG.info("Request {} status from {}: {} {}", requestId, report.source(), report.severity(), info);
        if ("fatal".equalsIgnoreCase(report.severity())) {
            requests.end(requestId, TransformRequest.FATAL, info == null ? "fatal status from a worker" : info);
        }
        return "Ok";
    }

    /** An AMQP report whose action header is none of the protocol's. */
    public void unknownAction(String action) {
        throw RequestErrors.badRequest("unknown action '" + action + "' (file-status, file-complete, complete or status)");
    }

    /** A report over AMQP that could not be applied: dropped, counted and logged (it has no one to answer). */
    public void rejectedReport(String requestId, String action, Exception cause) {
        requests.statistics().increment(RequestCounter.REPORTS_REJECTED);
        LOG.warn("Dropped a transformer report (request {}, action {}): {}", requestId, action, cause.getMessage());
    }

    /** A JSON body's fields, or a form's (platform-http hands form fields over as headers). */
    private Map<String, String> fields(String body, String contentType, Map<String, Object> headers) {
        if (contentType != null && contentType.startsWith("application/json")) {
            Map<String, String> m = new HashMap<>();
            object(body).fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isNull() ? null
                    : e.getValue().asText()));
            return m;
        }
        Map<String, String> m = new HashMap<>(FormBodies.parse(body));
        for (String field : new String[] {"timestamp", "status-code", "pod-name", "info"}) {
            Object v = headers == null ? null : headers.get(field);
            if (v != null && !m.containsKey(field)) {
                m.put(field, v.toString());
            }
        }
        return m;
    }

    private JsonNode object(String body) {
        try {
            JsonNode m = json.readTree(body == null ? "" : body);
            if (m == null || !m.isObject()) {
                throw RequestErrors.badRequest("the body must be a JSON object");
            }
            return m;
        } catch (JacksonException e) {
            throw RequestErrors.badRequest(ErrorMessages.malformedJson(e));
        }
    }

    private static Timestamp timestamp(String text) {
        if (text == null || text.isBlank()) {
            throw RequestErrors.badRequest("timestamp is missing");
        }
        try {
            return Timestamp.from(LocalDateTime.parse(text, ReportTimes.FORMAT).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            try {
                return Timestamp.from(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException again) {
                throw RequestErrors.badRequest("timestamp '" + text + "' is not %Y-%m-%dT%H:%M:%S.%f");
            }
        }
    }

    private static long fileId(String text) {
        if (text == null) {
            throw RequestErrors.badRequest("file-id is missing");
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw RequestErrors.badRequest("file-id '" + text + "' is not an integer");
        }
    }

    /** 404 for a file id that is not one of the request's files (a worker of another request, a typo). */
    private static org.daqhub.web.HubException unknownFile(String requestId, long fileId) {
        return RequestErrors.notFound("file " + fileId + " is not a file of request " + requestId);
    }

    /** A JSON number as a whole count (a fraction is cut, as ServiceX did); null stays null. */
    private static Long whole(Number v) {
        return v == null ? null : v.longValue();
    }

    private static Integer integer(Number v) {
        return v == null ? null : (int) Math.min(Integer.MAX_VALUE, v.longValue());
    }

    private static Long orZero(Long v) {
        return v == null ? 0L : v;
    }

    private static String limit(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
