package org.daqhub.requests;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of ServiceX_App (2022) for a request and its status, keys in its order. */
final class RequestViews {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private RequestViews() {
    }

    static Map<String, Object> request(TransformRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("request_id", r.requestId());
        m.put("did", r.did());
        m.put("columns", r.columns());
        m.put("selection", r.selection());
        m.put("tree-name", r.treeName());
        m.put("image", r.image());
        m.put("workers", r.workers());
        m.put("result-destination", r.resultDestination());
        m.put("result-format", r.resultFormat());
        m.put("workflow-name", "daqhub_reference");
        m.put("generated-code-cm", null);
        m.put("status", r.status());
        m.put("failure-info", r.failureDescription());
        m.put("app-version", r.appVersion());
        m.put("code-gen-image", null);
        m.put("files", r.files());
        m.put("files-skipped", r.filesSkipped());
        m.put("total-events", r.totalEvents());
        m.put("total-bytes", r.totalBytes());
        m.put("submit-time", time(r.submitTime()));
        m.put("finish-time", time(r.finishTime()));
        m.put("submitted-by", r.submittedBy());
        m.put("title", r.title());
        return m;
    }

    static Map<String, Object> status(TransformRequest r, ResultSummary s, boolean details) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", r.status());
        m.put("request-id", r.requestId());
        m.put("submit-time", time(r.submitTime()));
        m.put("finish-time", time(r.finishTime()));
        m.put("files-processed", s.successes());
        m.put("files-skipped", s.failures());
        m.put("files-remaining", r.files() == null ? null : Math.max(0, r.files() - s.results()));
        m.put("stats", details ? stats(s) : null);
        return m;
    }

    private static Map<String, Object> stats(ResultSummary s) {
        if (s.results() == 0) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total-messages", s.messages());
        m.put("min-time", s.minTime());
        m.put("max-time", s.maxTime());
        m.put("avg-time", s.avgTime());
        m.put("total-time", s.totalTime());
        m.put("avg-rate", s.avgRate());
        m.put("total-bytes", s.totalBytes());
        m.put("total-events", s.totalEvents());
        return m;
    }

    static String time(Instant t) {
        return t == null ? null : ISO.format(t);
    }
}
