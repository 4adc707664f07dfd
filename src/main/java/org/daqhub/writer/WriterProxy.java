package org.daqhub.writer;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.daqhub.processors.filewriter.WriteJob;
import org.daqhub.processors.filewriter.WriteState;
import org.daqhub.web.HubException;
import org.daqhub.web.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The std_daq REST proxy (bean {@code writerProxy}): {@code /write_sync}, {@code /write_async} and
 * {@code /write_kill} turn into messages on the {@code request} and {@code kill} exchanges, and the
 * answers come from what the {@code status} exchange says, so it works with this hub's writer and
 * with std_daq's own agents alike. Success answers are the original's (keys sorted, as Flask sent
 * them); failures are the hub's JSON errors instead of Flask's HTML 500.
 */
public class WriterProxy {

    private static final Logger LOG = LoggerFactory.getLogger(WriterProxy.class);

    private final WriterProperties properties;
    private final WriterAgent agent;
    private final ObjectMapper json;
    private final StatusTracker tracker;
    /** Requests sent and not yet started by any agent: re-sent if the broker loses them. */
    private final Map<String, byte[]> unstarted = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > 1000;
        }
    };

    public WriterProxy(WriterProperties properties, WriterAgent agent, ObjectMapper json) {
        this.properties = properties;
        this.agent = agent;
        this.json = json;
        this.tracker = new StatusTracker(properties.requestsKept());
    }

    /**
     * A request or kill ready for the broker: the request id (its correlation_id), the body to send,
     * and the status sequence after which its end counts (a kill waits for an end it causes).
     */
    public record Outgoing(String requestId, byte[] body, long after) {
    }

    /**
     * {@code /write_sync} and {@code /write_async}: checks the body and gives the request its id;
     * what goes to the broker is the client's fields plus {@code timestamp}.
     */
    public Outgoing request(String text) throws IOException {
        JsonNode body = body(text);
        WriteRequestFields fields;
        try {
            fields = WriteRequestFields.of(body, properties.maxImages(), agent.writers().keySet());
        } catch (IllegalArgumentException e) {
            throw HubException.badRequest(e.getMessage());
        }
        BigDecimal timestamp = Timestamps.now();
        ObjectNode request = ((ObjectNode) body).deepCopy();
        request.put("timestamp", timestamp);
        String requestId = UUID.randomUUID().toString();
        tracker.register(requestId, fields.outputFile(), timestamp);
        byte[] bytes = json.writeValueAsBytes(request);
        synchronized (unstarted) {
            unstarted.put(requestId, bytes);
        }
        return new Outgoing(requestId, bytes, 0L);
    }

    /** A request the broker did not take (503 to the client) is not the proxy's to send again later. */
    public void notSent(String requestId) {
        synchronized (unstarted) {
            unstarted.remove(requestId);
        }
    }

    /** The request body as JSON; an empty one is 400 (Jackson's answer for it is no tree at all). */
    private JsonNode body(String text) throws IOException {
        if (text == null || text.isBlank()) {
            throw HubException.badRequest("the request body is empty; send a JSON object");
        }
        return json.readTree(text);
    }

    /** {@code /write_async}'s answer. */
    public WriterAnswers.Accepted accepted(String requestId) {
        return new WriterAnswers.Accepted(requestId);
    }

    /**
     * {@code /write_kill}: the request must be one the hub knows and still running or queued; the
     * AMQP kill has an empty body and correlation_id = the request id.
     */
    public Outgoing kill(String text) throws IOException {
        JsonNode body = body(text);
        JsonNode id = body == null ? null : body.get("request_id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw HubException.badRequest("request_id is missing or not a string");
        }
        String requestId = id.asText();
        StatusTracker.Tracked t = tracker.get(requestId);
        Optional<WriteJob> job = agent.job(requestId);
        if (t == null && job.isEmpty()) {
            throw unknownRequest(requestId);
        }
        if ((t != null && t.ended()) || job.map(j -> j.state().isFinal()).orElse(false)) {
            throw new HubException(Problem.CONFLICT, "request " + requestId + " has already ended",
                    Map.of("request_id", requestId));
        }
        if (t == null) {
            t = tracker.register(requestId, job.get().request().outputFile(), Timestamps.now());
        }
        return new Outgoing(requestId, new byte[0], t.sequence());
    }

    /**
     * Waits (up to {@code daqhub.writer.sync-timeout}) until the request ends, and answers as
     * std_daq's proxy did; a timeout is a 504 naming the request id, which stays valid for
     * {@code GET /write/{request_id}}.
     */
    public WriterAnswers.Ended awaitEnd(String requestId, long after) throws InterruptedException {
        StatusTracker.Tracked t = tracker.get(requestId);
        CompletableFuture<StatusTracker.Tracked> end = t.endAfter(after);
        long millis = properties.syncTimeout().toMillis();
        try {
            end.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            end.cancel(false);
            throw new HubException(Problem.TIMED_OUT, "request " + requestId + " did not end within " + millis / 1000.0
                    + " s (is a writer agent bound to tag '" + properties.tag() + "'?); GET /write/" + requestId
                    + " follows it", Map.of("request_id", requestId));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return answer(t);
    }

    private WriterAnswers.Ended answer(StatusTracker.Tracked t) {
        String message = WriterAgent.FAIL.equals(t.status()) ? t.message() : null;
        Optional<WriteJob> killed = agent.job(t.requestId).filter(j -> j.state() == WriteState.KILLED);
        return new WriterAnswers.Ended(t.requestId, new WriterAnswers.Outcome(t.outputFile, t.status(),
                t.initTimestamp, Timestamps.now(), message, killed.isPresent() ? Boolean.TRUE : null,
                killed.map(WriteJob::written).orElse(null)));
    }

    /** Every message on the {@code status} exchange (from this hub's writer or any other agent). */
    public void onStatus(String requestId, String action, String source, String message, byte[] body) {
        if (requestId == null || action == null) {
            return;
        }
        synchronized (unstarted) {
            unstarted.remove(requestId);
        }
        String outputFile = null;
        BigDecimal timestamp = null;
        try {
            JsonNode request = json.readTree(body);
            outputFile = request.path("output_file").asText(null);
            timestamp = request.path("timestamp").isNumber() ? request.get("timestamp").decimalValue() : null;
        } catch (IOException | RuntimeException notJson) {
            // a status about a request that was not JSON: still tracked, without its fields
        }
        tracker.onStatus(requestId, source, action, message, outputFile, timestamp);
    }

    /**
     * After the connection to the broker was lost and made again: the requests no agent had started
     * were in queues the broker has dropped (exclusive, non-durable, as in std_daq), so they are sent
     * again. An agent that had started one already ignores the copy.
     */
    public void resendUnstarted(RabbitTemplate rabbit) {
        Map<String, byte[]> copy;
        synchronized (unstarted) {
            copy = new LinkedHashMap<>(unstarted);
        }
        copy.forEach((requestId, body) -> {
            MessageProperties props = new MessageProperties();
            props.setCorrelationId(requestId);
            rabbit.send("request", properties.tag(), new org.springframework.amqp.core.Message(body, props));
            LOG.warn("Write request {} sent again after the broker connection was re-established", requestId);
        });
    }

    /** {@code GET /write/{request_id}}: the writer's progress if it is this hub's, and every service's status. */
    public WriterAnswers.Status status(String requestId) {
        if (requestId == null) {
            // Camel's method-call binding turns the path's literal "null" into no value at all
            throw unknownRequest("null");
        }
        StatusTracker.Tracked t = tracker.get(requestId);
        Optional<WriteJob> job = agent.job(requestId);
        if (t == null && job.isEmpty()) {
            throw unknownRequest(requestId);
        }
        return WriterAnswers.Status.of(requestId, job.map(WriteJob::status).orElse(null), t);
    }

    /** 404 naming the request id, also as the error's request_id. */
    private static HubException unknownRequest(String requestId) {
        return new HubException(Problem.NOT_FOUND, "unknown request_id " + requestId, Map.of("request_id", requestId));
    }
}
