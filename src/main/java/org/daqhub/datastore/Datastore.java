package org.daqhub.datastore;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.broker.HubEvent;
import org.daqhub.datastore.DatastoreAnswers.Archive;
import org.daqhub.datastore.DatastoreAnswers.ArchiveSummary;
import org.daqhub.datastore.DatastoreAnswers.Archives;
import org.daqhub.datastore.DatastoreAnswers.Batch;
import org.daqhub.datastore.DatastoreAnswers.Documents;
import org.daqhub.datastore.DatastoreAnswers.LogEntry;
import org.daqhub.datastore.DatastoreAnswers.Reply;
import org.daqhub.datastore.DatastoreAnswers.Status;
import org.daqhub.datastore.DatastoreAnswers.Training;
import org.daqhub.processors.io.DurableFiles;
import org.daqhub.processors.io.SafeFiles;
import org.daqhub.processors.statistics.Counters;
import org.daqhub.web.HubException;
import org.daqhub.web.JsonBodies;
import org.daqhub.web.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datastore (bean {@code datastore}), the GlitchflowAPI's operations in one place: documents in
 * {@code current/}, one file each, written atomically; a batch frozen by {@code /train} once it holds
 * {@code max-size} bytes; archived into {@code archives/<date-time>} by {@code /cleanbuf}. Counts and
 * size are rebuilt from the files at start, so they always match what is on disk. The frozen check
 * and the write of a document hold the same lock as the freeze: no document is accepted after it.
 */
public class Datastore implements AutoCloseable {

    static final String OPERATIONAL = "OPERATIONAL";
    static final String FROZEN = "FROZEN";
    private static final Logger LOG = LoggerFactory.getLogger(Datastore.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final DateTimeFormatter ARCHIVE = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");

    private final DatastoreProperties properties;
    /** GlitchflowAPI (FastAPI) answers a bad body 422; field names as they are ({@code token is missing}). */
    private static final JsonBodies.Style STYLE = new JsonBodies.Style(Problem.UNPROCESSABLE, false);

    private final ObjectMapper json;
    private final JsonBodies bodies;
    private final Path current;
    private final Path archives;
    private final Path stateFile;
    private final DocumentWriter writer;
    private final DatastoreLog log;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong size = new AtomicLong();
    private final AtomicLong lastName = new AtomicLong();
    private final Counters<DatastoreCounter> statistics = Counters.shared(DatastoreCounter.class);
    private volatile DatastoreState state;

    public Datastore(DatastoreProperties properties, ObjectMapper json, JsonBodies bodies) throws IOException {
        this.properties = properties;
        this.json = json;
        this.bodies = bodies;
        Path dir = properties.dir();
        this.current = Files.createDirectories(dir.resolve("current"));
        this.archives = Files.createDirectories(dir.resolve("archives"));
        this.stateFile = dir.resolve("state.json");
        this.writer = new DocumentWriter(current, properties.groupCommit(), statistics);
        this.log = new DatastoreLog(dir.resolve("log.jsonl"), json);
        this.state = Files.exists(stateFile) ? DatastoreState.read(stateFile, json) : DatastoreState.operational();
        rebuild();
    }

    /** Counts and size from the files; leftovers of writes a crash interrupted are removed. */
    private void rebuild() throws IOException {
        long n = 0;
        long bytes = 0;
        try (Stream<Path> files = Files.list(current)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp")) {
                    Files.delete(f);
                    LOG.warn("Datastore: removed {}, a document whose write was interrupted (never acknowledged)", f);
                } else if (name.endsWith(".json")) {
                    n++;
                    bytes += Files.size(f);
                }
            }
        }
        count.set(n);
        size.set(bytes);
        LOG.info("Datastore {}: {} documents, {} bytes, {}", properties.dir().toAbsolutePath(), n, bytes, state.status());
    }

    // GlitchflowAPI

    /** {@code GET /stats}. */
    public Batch stats() {
        lock.readLock().lock();
        try {
            return new Batch(count.get(), size.get());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** For the operator console: state, and the batch's fill against its freezing size. */
    public Map<String, Object> console() {
        Batch batch = stats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_itm", batch.documents());
        m.put("buff_size", batch.bytes());
        m.put("state", state.status());
        m.put("max_size", properties.maxSize());
        return m;
    }

    /** {@code GET /desc}. */
    public Status desc() {
        return new Status(state.status());
    }

    /** {@code GET /dumpbuf}: the documents of the current batch ([] when empty, where the original said null). */
    public Documents dumpbuf() throws IOException {
        return new Documents(documents(current));
    }

    /** {@code POST /streamdata}: stores the document unless the batch is frozen. */
    public Reply streamdata(byte[] body) throws IOException {
        byte[] stored;
        try {
            stored = checked(body);
        } catch (HubException e) {
            statistics.increment(DatastoreCounter.DOCUMENTS_INVALID);
            throw e;
        }
        lock.readLock().lock();
        try {
            if (state.frozen()) {
                statistics.increment(DatastoreCounter.DOCUMENTS_REFUSED_FROZEN);
                return answer(FROZEN, "Datastore frozen.");
            }
            String name = "gwb" + nextName() + ".json";
            try {
                writer.write(name, stored);
            } catch (IOException e) {
                statistics.increment(DatastoreCounter.WRITE_ERRORS);
                log.add("error", name, stored.length, "write failed: " + e.getMessage());
                throw diskError(e);
            }
            count.incrementAndGet();
            size.addAndGet(stored.length);
            statistics.increment(DatastoreCounter.DOCUMENTS_STORED);
            statistics.add(DatastoreCounter.BYTES_STORED, stored.length);
            log.add("info", name, stored.length, "document written");
            return answer("CREATED", "{\"code\":\"RES_CREATE\",\"body\":\"Written " + name + "for " + stored.length
                    + " bytes\"}");
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The bytes to store for a {@code /streamdata} body, or a 422 or 413 naming what is wrong. */
    private byte[] checked(byte[] body) throws IOException {
        if (body == null || body.length == 0) {
            throw new HubException(Problem.UNPROCESSABLE, "empty body: expected {\"h\": [numbers], \"t\": [t0, dt]}");
        }
        if (body.length > properties.maxDocumentBytes()) {
            throw new HubException(Problem.TOO_LARGE, "document of " + body.length + " bytes is over daqhub.datastore.max-document-bytes ("
                    + properties.maxDocumentBytes() + ")");
        }
        try {
            return StrainDocument.check(body);
        } catch (IllegalArgumentException e) {
            throw new HubException(Problem.UNPROCESSABLE, e.getMessage());
        }
    }

    /**
     * {@code POST /train} {@code {user, token}}: freezes the batch once it holds max-size bytes. The
     * first freeze carries the hub event {@code datastore.frozen}, which the route publishes.
     */
    public Training train(String body) throws IOException {
        TrainRequest request = bodies.read(body, TrainRequest.class, STYLE);
        String user = request.user();
        String token = request.token();
        lock.writeLock().lock();
        try {
            if (size.get() < properties.maxSize()) {
                return Training.waiting();
            }
            boolean wasFrozen = state.frozen();
            DatastoreState frozen = DatastoreState.frozen(user, token, count.get(), size.get());
            try {
                frozen.write(stateFile, json);
            } catch (IOException e) {
                throw diskError(e);
            }
            state = frozen;
            log.add("info", "", size.get(), "frozen by " + user + " with " + count.get() + " documents");
            HubEvent announcement = null;
            if (!wasFrozen) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("event", "datastore.frozen");
                event.put("n_f", count.get());
                event.put("bt_wrt", size.get());
                event.put("max_size", properties.maxSize());
                event.put("user", user);
                event.put("frozen_at", frozen.frozenAt());
                announcement = new HubEvent("datastore.frozen", event);
            }
            return new Training(FROZEN, count.get(), size.get(), announcement);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** {@code POST /cleanbuf} {@code {msg}}: archives the batch into a new folder and unfreezes. */
    public Reply cleanbuf(String body) throws IOException {
        bodies.read(body, CleanRequest.class, STYLE);
        lock.writeLock().lock();
        try {
            String name = archiveName();
            try {
                Files.move(current, archives.resolve(name));
                Files.createDirectories(current);
                DurableFiles.syncDirectory(properties.dir());
                DurableFiles.syncDirectory(archives);
                DatastoreState.operational().write(stateFile, json);
            } catch (IOException e) {
                Files.createDirectories(current);
                throw diskError(e);
            }
            state = DatastoreState.operational();
            log.add("info", name, size.get(), "buffer cleaned: " + count.get() + " documents archived in " + name);
            count.set(0);
            size.set(0);
            return new Reply("CLEANED", "{\"code\":\"STAT_UPD\",\"body\":\"Buffer cleaned\"}", name);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Folder names by date and time, never colliding (the original failed on a second clean in a minute). */
    private String archiveName() {
        String base = LocalDateTime.now().format(ARCHIVE);
        String name = base;
        for (int i = 2; Files.exists(archives.resolve(name)); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    // Hub additions

    /** {@code GET /log}: recent entries, oldest first. */
    public List<LogEntry> log() {
        return log.entries();
    }

    /** {@code GET /archives}: every archived batch with its count and size. */
    public Archives archives() throws IOException {
        List<ArchiveSummary> list = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(archives)) {
            for (Path d : dirs.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                List<String> docs = documents(d);
                long bytes = 0;
                for (String doc : docs) {
                    bytes += Files.readAttributes(d.resolve(doc), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                            .size();
                }
                list.add(new ArchiveSummary(d.getFileName().toString(), docs.size(), bytes));
            }
        }
        return new Archives(list);
    }

    /** {@code GET /archives/{name}}: the documents of one archived batch. */
    public Archive archive(String name) throws IOException {
        return new Archive(name, documents(archiveDir(name)));
    }

    /** {@code GET /archives/{name}/{document}}: one archived document as it was stored. */
    public byte[] archivedDocument(String name, String document) throws IOException {
        Path dir = archiveDir(name);
        if (document == null || !NAME.matcher(document).matches() || document.startsWith(".")) {
            throw HubException.badRequest("'" + document + "' is not a document name");
        }
        Path file = dir.resolve(document);
        // Not through a link: an archive holds documents the hub wrote, nothing it points at.
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw HubException.notFound("no document " + document + " in archive " + name);
        }
        return SafeFiles.readAllBytes(file, archives.toRealPath());
    }

    private Path archiveDir(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.startsWith(".")) {
            throw HubException.badRequest("'" + name + "' is not an archive name");
        }
        Path dir = archives.resolve(name);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw HubException.notFound("no archive " + name);
        }
        return dir;
    }

    long count() {
        return count.get();
    }

    long size() {
        return size.get();
    }

    Counters<DatastoreCounter> statistics() {
        return statistics;
    }

    DatastoreState state() {
        return state;
    }

    long maxSize() {
        return properties.maxSize();
    }

    private static List<String> documents(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith("."))
                    .sorted().toList();
        }
    }

    private long nextName() {
        long now = System.currentTimeMillis() * 1_000_000L + (System.nanoTime() % 1_000_000L + 1_000_000L) % 1_000_000L;
        return lastName.accumulateAndGet(now, (last, candidate) -> Math.max(last + 1, candidate));
    }

    private static Reply answer(String resp, String body) {
        return new Reply(resp, body, null);
    }

    private static HubException diskError(IOException e) {
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (reason != null && reason.contains("No space left")) {
            return new HubException(Problem.NO_SPACE, "the datastore's disk is full (No space left on device); nothing was stored");
        }
        return new HubException(Problem.UNAVAILABLE, "the datastore cannot write its files: " + reason + "; nothing was stored");
    }

    /** Closes the log file (kept open between entries); Spring calls it at shutdown. */
    @Override
    public void close() {
        log.close();
    }
}
