package org.daqhub.requests;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Requests, their files and results in the database (Flyway's V2 owns the tables). Every statement
 * uses named parameters. The transitions that must happen once (completion, cancel, a file's result)
 * are single conditional statements, so concurrent workers and hub replicas cannot apply them twice.
 */
public class RequestStore {

    private static final String COLUMNS = "id, request_id, title, did, columns, selection, tree_name, image, workers,"
            + " result_destination, result_format, files, files_skipped, total_events, total_bytes, status,"
            + " failure_description, submit_time, finish_time, submitted_by, app_version, service_endpoint";
    private static final RowMapper<TransformRequest> REQUEST = RequestStore::request;
    private static final RowMapper<InputFile> FILE = (rs, n) -> new InputFile(rs.getLong("id"),
            rs.getString("request_id"), rs.getString("paths"), rs.getInt("attempts"));

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public RequestStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Stores a request and its files in one transaction; answers the files with their ids. */
    public List<InputFile> insert(String requestId, NewRequest r, List<Path> files, Long submittedBy,
            String appVersion, String serviceEndpoint) {
        Timestamp now = Timestamp.from(Instant.now());
        return transactions.execute(tx -> {
            MapSqlParameterSource p = new MapSqlParameterSource()
                    .addValue("request_id", requestId).addValue("title", r.title()).addValue("did", did(r))
                    .addValue("columns", r.columns()).addValue("selection", r.selection())
                    .addValue("tree_name", r.treeName()).addValue("image", r.image()).addValue("workers", r.workers())
                    .addValue("result_destination", r.resultDestination()).addValue("result_format", r.resultFormat())
                    .addValue("files", files.size()).addValue("status", TransformRequest.SUBMITTED)
                    .addValue("submit_time", now).addValue("submitted_by", submittedBy)
                    .addValue("app_version", appVersion).addValue("service_endpoint", serviceEndpoint);
            jdbc.update("INSERT INTO requests (request_id, title, did, columns, selection, tree_name, image, workers,"
                    + " result_destination, result_format, workflow_name, files, files_skipped, total_events, total_bytes,"
                    + " status, submit_time, submitted_by, app_version, service_endpoint) VALUES (:request_id, :title,"
                    + " :did, :columns, :selection, :tree_name, :image, :workers, :result_destination, :result_format,"
                    + " 'daqhub_reference', :files, 0, 0, 0, :status, :submit_time, :submitted_by, :app_version,"
                    + " :service_endpoint)", p);
            SqlParameterSource[] rows = files.stream().map(f -> new MapSqlParameterSource()
                    .addValue("request_id", requestId).addValue("paths", f.toString())
                    .addValue("file_size", size(f)).addValue("now", now)).toArray(SqlParameterSource[]::new);
            jdbc.batchUpdate("INSERT INTO files (request_id, paths, file_size, attempts, last_activity)"
                    + " VALUES (:request_id, :paths, :file_size, 1, :now)", rows);
            return files(requestId);
        });
    }

    private static String did(NewRequest r) {
        return r.did() != null ? r.did() : "file-list:" + r.fileList().size();
    }

    private static Long size(Path f) {
        try {
            return java.nio.file.Files.size(f);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    public Optional<TransformRequest> find(String requestId) {
        if (requestId == null) {
            return Optional.empty(); // the path's literal "null", which Camel's method binding passes as null
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM requests WHERE request_id = :id", Map.of("id", requestId),
                REQUEST).stream().findFirst();
    }

    public List<TransformRequest> all(Long submittedBy) {
        if (submittedBy == null) {
            return jdbc.query("SELECT " + COLUMNS + " FROM requests ORDER BY id", REQUEST);
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM requests WHERE submitted_by = :by ORDER BY id",
                Map.of("by", submittedBy), REQUEST);
    }

    public List<TransformRequest> active() {
        return jdbc.query("SELECT " + COLUMNS + " FROM requests WHERE status IN ('Submitted', 'Running') ORDER BY id",
                REQUEST);
    }

    public List<InputFile> files(String requestId) {
        return jdbc.query("SELECT id, request_id, paths, attempts FROM files WHERE request_id = :id ORDER BY id",
                Map.of("id", requestId), FILE);
    }

    public Optional<InputFile> file(String requestId, long fileId) {
        return jdbc.query("SELECT id, request_id, paths, attempts FROM files WHERE request_id = :r AND id = :f",
                Map.of("r", requestId, "f", fileId), FILE).stream().findFirst();
    }

    /** Files of the request without a result yet. */
    public List<InputFile> unfinished(String requestId) {
        return jdbc.query("SELECT id, request_id, paths, attempts FROM files f WHERE request_id = :id AND NOT EXISTS"
                + " (SELECT 1 FROM transform_result t WHERE t.request_id = f.request_id AND t.file_id = f.id)"
                + " ORDER BY id", Map.of("id", requestId), FILE);
    }

    /** Files of active requests, without a result, that nobody has reported on since {@code cutoff}. */
    public List<InputFile> stale(Instant cutoff) {
        return jdbc.query("SELECT f.id, f.request_id, f.paths, f.attempts FROM files f JOIN requests r"
                + " ON r.request_id = f.request_id WHERE r.status IN ('Submitted', 'Running')"
                + " AND f.last_activity < :cutoff AND NOT EXISTS (SELECT 1 FROM transform_result t"
                + " WHERE t.request_id = f.request_id AND t.file_id = f.id) ORDER BY f.id",
                Map.of("cutoff", Timestamp.from(cutoff)), FILE);
    }

    /** One step of a file as its worker reported it (the row WorkerProtocol built and checked). */
    public void insertFileStatus(Map<String, Object> row) {
        jdbc.update("INSERT INTO file_status (file_id, request_id, status, timestamp, pod_name, info)"
                + " VALUES (:file_id, :request_id, :status, :timestamp, :pod_name, :info)", row);
    }

    /** A worker said something about the file: it is alive. */
    public void touch(String requestId, long fileId) {
        jdbc.update("UPDATE files SET last_activity = :now WHERE request_id = :r AND id = :f",
                Map.of("now", Timestamp.from(Instant.now()), "r", requestId, "f", fileId));
    }

    /** The file goes to a worker again; false if another replica re-queued it first. */
    public boolean requeue(InputFile file) {
        return jdbc.update("UPDATE files SET attempts = attempts + 1, last_activity = :now WHERE id = :f"
                + " AND attempts = :attempts", Map.of("now", Timestamp.from(Instant.now()), "f", file.id(),
                        "attempts", file.attempts())) == 1;
    }

    /** Records the file's result; false (and nothing changed) if it already had one. */
    public boolean insertResult(String requestId, String did, FileResult r) {
        try {
            jdbc.update("INSERT INTO transform_result (did, file_id, file_path, request_id, transform_status,"
                    + " transform_time, total_events, total_bytes, avg_rate, messages, info) VALUES (:did, :file_id,"
                    + " :file_path, :request_id, :status, :time, :events, :bytes, :rate, :messages, :info)",
                    new MapSqlParameterSource().addValue("did", did).addValue("file_id", r.fileId())
                            .addValue("file_path", r.filePath()).addValue("request_id", requestId)
                            .addValue("status", r.success() ? "success" : "failure")
                            .addValue("time", r.totalTime()).addValue("events", r.totalEvents())
                            .addValue("bytes", r.totalBytes()).addValue("rate", r.avgRate())
                            .addValue("messages", r.messages()).addValue("info", truncate(r.info())));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 4096 ? s : s.substring(0, 4096);
    }

    /** Counts and sums of the request's results (for status and its stats). */
    public ResultSummary summary(String requestId) {
        return jdbc.queryForObject("SELECT COUNT(*) AS n,"
                + " SUM(CASE WHEN transform_status = 'success' THEN 1 ELSE 0 END) AS ok,"
                + " MIN(transform_time) AS min_time, MAX(transform_time) AS max_time, AVG(transform_time) AS avg_time,"
                + " SUM(transform_time) AS total_time, AVG(avg_rate) AS avg_rate, SUM(total_bytes) AS total_bytes,"
                + " SUM(total_events) AS total_events, SUM(messages) AS messages"
                + " FROM transform_result WHERE request_id = :id", Map.of("id", requestId),
                (rs, n) -> new ResultSummary(rs.getLong("n"), rs.getLong("ok"), longOrNull(rs, "min_time"),
                        longOrNull(rs, "max_time"), doubleOrNull(rs, "avg_time"), longOrNull(rs, "total_time"),
                        doubleOrNull(rs, "avg_rate"), longOrNull(rs, "total_bytes"), longOrNull(rs, "total_events"),
                        longOrNull(rs, "messages")));
    }

    /**
     * Failed files with their path, events, what the worker said and the last pod that had them. The
     * info is that of the failure status the transformer posted (its traceback, as ServiceX answers),
     * else that of the result.
     */
    public List<RequestAnswers.FileError> errors(String requestId) {
        List<RequestAnswers.FileError> rows = new ArrayList<>();
        jdbc.query("SELECT t.file_id, f.paths, f.file_events, COALESCE((SELECT s.info FROM file_status s"
                + " WHERE s.request_id = t.request_id AND s.file_id = t.file_id AND s.status = 'failure'"
                + " AND s.info IS NOT NULL ORDER BY s.id DESC FETCH FIRST 1 ROWS ONLY), t.info) AS info,"
                + " (SELECT s.pod_name FROM file_status s"
                + " WHERE s.request_id = t.request_id AND s.file_id = t.file_id ORDER BY s.id DESC"
                + " FETCH FIRST 1 ROWS ONLY) AS pod FROM transform_result t JOIN files f ON f.id = t.file_id"
                + " WHERE t.request_id = :id AND t.transform_status <> 'success' ORDER BY t.file_id",
                Map.of("id", requestId), rs -> {
                    rows.add(new RequestAnswers.FileError(rs.getString("pod"), rs.getString("paths"),
                            longOrNull(rs, "file_events"), rs.getString("info")));
                });
        return rows;
    }

    /**
     * Sets the status if the request is in one of {@code from}; answers whether it changed. A final
     * status also sets the finish time.
     */
    public boolean transition(String requestId, List<String> from, String to, String failure) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", requestId);
        p.put("from", from);
        p.put("to", to);
        p.put("failure", truncate(failure));
        p.put("finish", TransformRequest.RUNNING.equals(to) ? null : Timestamp.from(Instant.now()));
        return jdbc.update("UPDATE requests SET status = :to, failure_description = COALESCE(:failure,"
                + " failure_description), finish_time = COALESCE(:finish, finish_time)"
                + " WHERE request_id = :id AND status IN (:from)", p) == 1;
    }

    /**
     * Completes the request if its file count is known and every file has a result; answers whether
     * this call completed it (exactly one caller does, whatever the order of the last result and
     * the file count).
     */
    public boolean completeIfDone(String requestId) {
        return jdbc.update("UPDATE requests SET status = 'Complete', finish_time = :now,"
                + " files_skipped = (SELECT COUNT(*) FROM transform_result t WHERE t.request_id = :id"
                + " AND t.transform_status <> 'success')"
                + " WHERE request_id = :id AND status IN ('Submitted', 'Running') AND files IS NOT NULL"
                + " AND files <= (SELECT COUNT(*) FROM transform_result t WHERE t.request_id = :id)",
                Map.of("id", requestId, "now", Timestamp.from(Instant.now()))) == 1;
    }

    /** ServiceX's {@code /complete}: the DID finder's totals (the file count may arrive last). */
    public void totals(String requestId, int files, int skipped, long events, long bytes) {
        jdbc.update("UPDATE requests SET files = :files, files_skipped = :skipped, total_events = :events,"
                + " total_bytes = :bytes WHERE request_id = :id", Map.of("id", requestId, "files", files,
                        "skipped", skipped, "events", events, "bytes", bytes));
    }

    // Queues declared for requests

    public void recordQueue(String name, String requestId) {
        try {
            jdbc.update("INSERT INTO request_queue (name, request_id, declared_at) VALUES (:name, :id, :now)",
                    Map.of("name", name, "id", requestId, "now", Timestamp.from(Instant.now())));
        } catch (DuplicateKeyException e) {
            // declared again (hub restart, broker restart): already recorded
        }
    }

    public void forgetQueue(String name) {
        jdbc.update("DELETE FROM request_queue WHERE name = :name", Map.of("name", name));
    }

    /** Recorded queues whose request is unknown to the database or has ended. */
    public List<String> queuesOfEndedRequests() {
        return jdbc.queryForList("SELECT q.name FROM request_queue q LEFT JOIN requests r"
                + " ON r.request_id = q.request_id WHERE r.id IS NULL OR r.status NOT IN ('Submitted', 'Running')"
                + " ORDER BY q.name", Map.of(), String.class);
    }

    private static TransformRequest request(ResultSet rs, int n) throws SQLException {
        return new TransformRequest(rs.getLong("id"), rs.getString("request_id"), rs.getString("title"),
                rs.getString("did"), rs.getString("columns"), rs.getString("selection"), rs.getString("tree_name"),
                rs.getString("image"), intOrNull(rs, "workers"), rs.getString("result_destination"),
                rs.getString("result_format"), intOrNull(rs, "files"), intOrNull(rs, "files_skipped"),
                longOrNull(rs, "total_events"), longOrNull(rs, "total_bytes"), rs.getString("status"),
                rs.getString("failure_description"), instant(rs, "submit_time"), instant(rs, "finish_time"),
                longOrNull(rs, "submitted_by"), rs.getString("app_version"), rs.getString("service_endpoint"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
