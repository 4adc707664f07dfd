package org.daqhub.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.processors.statistics.Counters;
import org.daqhub.web.HubException;
import org.daqhub.web.JsonBodies;
import org.daqhub.web.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The event streams (bean {@code eventStreams}): the internal API's operations, delivery of broker
 * messages to the streams' sockets, and the sockets themselves. Streams live in the database; each
 * hub keeps the ones it knows in memory with their logs and sockets, and {@link #sync} keeps that,
 * and the broker bindings of its queue, in line with the database (streams created or deleted through
 * another replica).
 */
public class EventStreamService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreamService.class);
    private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EventStreamProperties properties;
    private final EventStreamStore store;
    private final EventStreamBindings bindings;
    /** Squonk (FastAPI) answers a bad body 422 with the text also as {@code detail}. */
    private static final JsonBodies.Style STYLE = new JsonBodies.Style(Problem.UNPROCESSABLE, false, "detail");

    private final ObjectMapper json;
    private final JsonBodies bodies;
    private final FrameFormatter formatter;
    private final Counters<EventStreamCounter> statistics = Counters.shared(EventStreamCounter.class);
    private final Map<String, LiveStream> byUuid = new ConcurrentHashMap<>();
    private final Map<String, List<LiveStream>> byKey = new ConcurrentHashMap<>();
    /** Per routing key, kept after its last stream is deleted until its messages age out. */
    private final Map<String, KeyLog> logs = new ConcurrentHashMap<>();
    private final ExecutorService sender;
    private final String hubVersion;

    /** The replay logs on disk, one file per routing key; null: in memory only. */
    private final Path logDir;

    public EventStreamService(EventStreamProperties properties, EventStreamStore store, EventStreamBindings bindings,
            ObjectMapper json, JsonBodies bodies, String hubVersion, Path logDir) {
        this.properties = properties;
        this.bodies = bodies;
        this.logDir = logDir;
        this.hubVersion = hubVersion;
        this.store = store;
        this.bindings = bindings;
        this.json = json;
        this.formatter = new FrameFormatter(json);
        this.sender = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2),
                daemons("event-stream-send-"));
        loadLogs();
    }

    /**
     * The replay logs a previous run left: each routing key's messages (trimmed by log-messages and
     * log-age as usual) and its next ordinal, so ordinals go on where they were.
     */
    private void loadLogs() {
        if (logDir == null) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            try (Stream<Path> files = Files.list(logDir)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(".") && name.endsWith(".tmp")) {
                        Files.deleteIfExists(f); // a rewrite a crash cut short: the old file is whole
                    } else if (name.endsWith(".log")) {
                        loadLog(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event streams' replay logs in " + logDir, e);
        }
    }

    private void loadLog(Path f) throws IOException {
        KeyLogFile.Contents contents;
        try {
            contents = KeyLogFile.read(f);
        } catch (IOException | RuntimeException e) {
            LOG.error("Replay log {} unreadable ({}): moved aside", f, e.toString());
            Files.move(f, f.resolveSibling(f.getFileName() + ".unreadable"), StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        StreamLog log = newStreamLog();
        log.restore(contents.frames(), contents.nextOrdinal(), System.currentTimeMillis());
        logs.put(contents.routingKey(), new KeyLog(log, KeyLogFile.reopen(f, contents), rewriteAbove(),
                statistics.counter(EventStreamCounter.LOG_WRITE_ERRORS)));
        LOG.info("Replay log of routing key {}: {} messages, next ordinal {}", contents.routingKey(), log.size(),
                log.peekNextOrdinal());
    }

    private StreamLog newStreamLog() {
        return new StreamLog(properties.logMessages(), properties.logAge().toMillis());
    }

    /** A file is written whole again once it holds twice what the log keeps. */
    private int rewriteAbove() {
        return 2 * properties.logMessages();
    }

    private KeyLog newKeyLog(String routingKey) {
        StreamLog log = newStreamLog();
        if (logDir == null) {
            return new KeyLog(log);
        }
        try {
            return new KeyLog(log, KeyLogFile.create(logDir, routingKey, List.of(), 0), rewriteAbove(),
                    statistics.counter(EventStreamCounter.LOG_WRITE_ERRORS));
        } catch (IOException e) {
            statistics.increment(EventStreamCounter.LOG_WRITE_ERRORS);
            LOG.error("Replay log of routing key {} not created on disk ({}): kept in memory only", routingKey,
                    e.toString());
            return new KeyLog(log);
        }
    }

    public Counters<EventStreamCounter> statistics() {
        return statistics;
    }

    // Internal API

    /** {@code POST /event-stream/} {@code {"routing_key": "..."}}: 201 {@code {id, location}}. */
    public EventStreamAnswers.Created create(String body, String host) throws IOException {
        CreateStreamRequest request = bodies.read(body, CreateStreamRequest.class, STYLE);
        EventStream stream = store.create(shortUuid(), request.routingKey());
        open(stream);
        LOG.info("Event stream {} created for routing key {}", stream.id(), stream.routingKey());
        return new EventStreamAnswers.Created(stream.id(), location(stream, host));
    }

    /** 422 with the text also as Squonk's (FastAPI's) {@code detail}, which its clients read. */
    private static HubException unprocessable(String text) {
        return new HubException(Problem.UNPROCESSABLE, text, Map.of("detail", text));
    }

    /** {@code GET /event-stream/}. */
    public EventStreamAnswers.Streams list(String host) {
        List<EventStreamAnswers.Summary> streams = new ArrayList<>();
        for (EventStream s : store.all()) {
            streams.add(new EventStreamAnswers.Summary(s.id(), location(s, host), s.routingKey()));
        }
        return new EventStreamAnswers.Streams(streams);
    }

    /** {@code DELETE /event-stream/{id}}: removes the stream and closes its sockets at once. */
    public void delete(String idText) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw unprocessable("id '" + idText + "' is not an integer");
        }
        EventStream stream = store.delete(id).orElseThrow(() -> new HubException(Problem.NOT_FOUND,
                "EventStream " + id + " is not known", Map.of("detail", "EventStream " + id + " is not known")));
        close(stream.uuid());
        LOG.info("Event stream {} ({}) deleted", id, stream.routingKey());
    }

    /** {@code GET /event-stream/version/}: both Squonk's 1.x key {@code category} and 2.x {@code protocol}. */
    public EventStreamAnswers.Version version() {
        return new EventStreamAnswers.Version("WEBSOCKET", "WEBSOCKET", "DAQ Hub event streams", hubVersion);
    }

    /** {@code GET /event-stream/stats}: counters, and per stream its sockets and logged messages. */
    public Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>(statistics.snapshot());
        Map<String, Object> streams = new LinkedHashMap<>();
        byUuid.values().forEach(s -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", s.stream().id());
            e.put("routing_key", s.stream().routingKey());
            e.put("sockets", s.sockets());
            e.put("logged_messages", s.log().size());
            streams.put(s.stream().uuid(), e);
        });
        m.put("streams", streams);
        return m;
    }

    /** For the operator console: the counters and streams of {@link #stats}, and frames waiting in socket queues. */
    public Map<String, Object> console() {
        Map<String, Object> m = new LinkedHashMap<>(stats());
        m.put("sockets_open", openSockets());
        m.put("frames_queued", queuedFrames());
        return m;
    }

    /** Frames waiting in all sockets' queues (they grow when clients read slower than events arrive). */
    public long queuedFrames() {
        return byUuid.values().stream().mapToLong(LiveStream::queuedFrames).sum();
    }

    private static CustomizableThreadFactory daemons(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }

    public int openSockets() {
        return byUuid.values().stream().mapToInt(LiveStream::sockets).sum();
    }

    private String location(EventStream s, String host) {
        String prefix = properties.publicLocation() != null ? properties.publicLocation()
                : "ws://" + (host == null || host.isBlank() ? "localhost" : host);
        return prefix + properties.basePath() + "/" + s.uuid();
    }

    private static String shortUuid() {
        StringBuilder b = new StringBuilder(22);
        for (int i = 0; i < 22; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    // Broker side

    /** One message from the event-streams exchange, to every stream of its routing key. */
    public void deliver(String key, byte[] payload) {
        statistics.increment(EventStreamCounter.MESSAGES_RECEIVED);
        if (payload == null) {
            payload = new byte[0];
        }
        if (payload.length > properties.maxMessageBytes()) {
            statistics.increment(EventStreamCounter.MESSAGES_OVERSIZED);
            LOG.warn("Message of {} bytes on routing key {} not delivered: over daqhub.event-streams.max-message-bytes",
                    payload.length, key);
            return;
        }
        List<LiveStream> streams = key == null ? null : byKey.get(key);
        if (streams == null || streams.isEmpty()) {
            statistics.increment(EventStreamCounter.MESSAGES_UNROUTED);
            return;
        }
        // every stream of the key shares its log: one ordinal per message, whatever the number of streams
        streams.get(0).log().deliver(payload, System.currentTimeMillis(), formatter, streams);
    }

    /**
     * Brings this hub in line with the database and the broker: streams created or deleted elsewhere
     * (another replica) are opened or closed, and the queue's bindings match the routing keys.
     */
    public synchronized void sync() {
        List<EventStream> all;
        try {
            all = store.all();
        } catch (RuntimeException e) {
            LOG.warn("Event streams not synchronised with the database: {}", e.getMessage());
            return;
        }
        Set<String> uuids = new HashSet<>();
        for (EventStream s : all) {
            uuids.add(s.uuid());
            if (!byUuid.containsKey(s.uuid())) {
                open(s);
            }
        }
        for (String uuid : new ArrayList<>(byUuid.keySet())) {
            if (!uuids.contains(uuid)) {
                close(uuid);
            }
        }
        bindings.ensure(byKey.keySet());
        long now = System.currentTimeMillis();
        logs.entrySet().removeIf(e -> {
            boolean gone = !byKey.containsKey(e.getKey()) && e.getValue().isEmpty(now);
            if (gone) {
                e.getValue().discard();
            }
            return gone;
        });
    }

    private synchronized void open(EventStream s) {
        KeyLog log = logs.computeIfAbsent(s.routingKey(), this::newKeyLog);
        LiveStream live = new LiveStream(s, log);
        byUuid.put(s.uuid(), live);
        byKey.compute(s.routingKey(), (k, list) -> {
            List<LiveStream> copy = list == null ? new ArrayList<>() : new ArrayList<>(list);
            copy.add(live);
            return List.copyOf(copy);
        });
        bindings.ensure(byKey.keySet());
    }

    private synchronized void close(String uuid) {
        LiveStream live = byUuid.remove(uuid);
        if (live == null) {
            return;
        }
        byKey.computeIfPresent(live.stream().routingKey(), (k, list) -> {
            List<LiveStream> rest = list.stream().filter(l -> l != live).toList();
            return rest.isEmpty() ? null : rest;
        });
        live.closeAll(LiveStream.DELETED);
        bindings.ensure(byKey.keySet());
    }

    // Sockets

    /** A socket opened on {@code /event-stream/{uuid}}: attached, or closed with the reason. */
    public void attach(WebSocketSession session) {
        String uuid = uuidOf(session);
        LiveStream live = uuid == null ? null : byUuid.get(uuid);
        if (live == null) {
            sync(); // created through another replica a moment ago?
            live = uuid == null ? null : byUuid.get(uuid);
        }
        if (live == null) {
            statistics.increment(EventStreamCounter.SOCKETS_REFUSED);
            closeQuietly(session, new CloseStatus(1008, "Connect for unknown EventStream " + uuid));
            return;
        }
        Replay replay;
        try {
            replay = Replay.of(UriComponentsBuilder.fromUri(session.getUri()).build().getQueryParams());
        } catch (IllegalArgumentException e) {
            statistics.increment(EventStreamCounter.SOCKETS_REFUSED);
            closeQuietly(session, new CloseStatus(1002, e.getMessage()));
            return;
        }
        StreamSocket socket = new StreamSocket(session, sender, properties.socketQueue(),
                properties.slowConsumer().equals("drop-oldest"), statistics);
        session.getAttributes().put(StreamSocket.class.getName(), socket);
        session.getAttributes().put(LiveStream.class.getName(), live);
        live.log().attach(live, socket, replay, System.currentTimeMillis());
        statistics.increment(EventStreamCounter.SOCKETS_OPENED);
    }

    public void detach(WebSocketSession session) {
        Object live = session.getAttributes().get(LiveStream.class.getName());
        Object socket = session.getAttributes().get(StreamSocket.class.getName());
        if (live instanceof LiveStream l && socket instanceof StreamSocket s) {
            l.detach(s);
        }
    }

    private String uuidOf(WebSocketSession session) {
        if (session.getUri() == null) {
            return null;
        }
        String path = session.getUri().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void closeQuietly(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException ignored) {
            // the client is gone already
        }
    }

    @Override
    public void close() {
        byUuid.values().forEach(l -> l.closeAll(CloseStatus.GOING_AWAY));
        sender.shutdown();
        logs.values().forEach(KeyLog::close);
    }
}
