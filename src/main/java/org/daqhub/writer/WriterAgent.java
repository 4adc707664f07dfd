package org.daqhub.writer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.broker.HubEvent;
import org.daqhub.detector.DetectorRegistry;
import org.daqhub.processors.datapath.DetectorRuntime;
import org.daqhub.processors.filewriter.DetectorWriter;
import org.daqhub.processors.filewriter.FileSeries;
import org.daqhub.processors.filewriter.OutputRoots;
import org.daqhub.processors.filewriter.WriteJob;
import org.daqhub.processors.filewriter.WriteRequest;
import org.daqhub.processors.filewriter.hdf5.Compression;
import org.daqhub.processors.filewriter.hdf5.NxmxFileWriter;
import org.daqhub.processors.receive.ImageMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The std_daq writer agent (bean {@code writer}): takes write requests from the {@code request}
 * exchange, runs them one at a time on its detectors' {@link DetectorWriter}s, and says how each one
 * went on the {@code status} exchange ({@code request_start}, then {@code request_success} or
 * {@code request_fail}) and as hub events. {@code routes/writer.yaml} wires it; the methods here
 * are its steps.
 */
public class WriterAgent {

    static final String START = "request_start";
    static final String SUCCESS = "request_success";
    static final String FAIL = "request_fail";

    private static final Logger LOG = LoggerFactory.getLogger(WriterAgent.class);

    private final WriterProperties properties;
    private final OutputRoots roots;
    private final ObjectMapper json;
    private final Map<String, DetectorWriter> writers = new LinkedHashMap<>();
    private final RecentJobs jobs;
    private final WriteJournal journal;
    private final int compressionThreads;
    /** Where images are compressed when more than one thread does it; null otherwise. */
    private final ExecutorService compressors;
    /** Runs the write-behind flushes of every writer's files (processors.io.WriteBehind). */
    private final ExecutorService flusher = Executors.newSingleThreadExecutor(
            new CustomizableThreadFactory("writer-flush-"));
    /** Requests a previous run stopped in the middle of, until their request_fail is published. */
    private final Map<String, Interrupted> interrupted = new java.util.concurrent.ConcurrentHashMap<>();

    /** A request found unfinished at start, and its original bytes (the body of its statuses). */
    public record Interrupted(WriteJob job, byte[] request) {
    }

    WriterAgent(WriterProperties properties, DetectorRegistry detectors, ObjectMapper json, WriteJournal journal) {
        this.properties = properties;
        this.roots = new OutputRoots(properties.outputRoots());
        this.json = json;
        this.jobs = new RecentJobs(properties.requestsKept());
        this.journal = journal;
        Compression.parse(properties.compression()); // refuse a bad default at start, not per request
        int receivers = detectors.all().values().stream().mapToInt(r -> r.definition().nModules()).sum();
        this.compressionThreads = properties.compressionThreads() > 0 ? properties.compressionThreads()
                : Math.max(1, Runtime.getRuntime().availableProcessors() - receivers);
        // one pool for every detector's writer, named threads, stopped with the hub (close)
        this.compressors = compressionThreads > 1
                ? Executors.newFixedThreadPool(compressionThreads, new CustomizableThreadFactory("writer-compress-"))
                : null;
        for (DetectorRuntime runtime : detectors.all().values()) {
            writers.put(runtime.definition().name(), new DetectorWriter(runtime.definition().name(),
                    runtime.buffer(), runtime.definition().imagePixelType(), NxDetectorFields.of(runtime.definition()),
                    runtime.definition().nModules() * runtime.definition().packetsPerFrame(), compressors,
                    compressionThreads, flusher));
        }
        recoverUnfinished();
    }

    /**
     * At the hub's stop: the compression and flush threads end once the work already handed to them
     * is done (at most two images per compression thread; not interrupted, so a writer waiting for
     * one is never left waiting for ever).
     */
    public void close() {
        if (compressors != null) {
            compressors.shutdown();
        }
        flusher.shutdown(); // a flush under way finishes; closing files wait for theirs
    }

    /**
     * Before any request is taken: each request the journal says was being written when the hub
     * stopped loses its temporary file, keeps the files it completed (each closed and fsynced, so
     * valid), and is known as failed, so {@code GET /write/{id}} answers and a re-delivery of it is
     * not run again. Its {@code request_fail} goes out with the route {@code writer-recover}.
     */
    private void recoverUnfinished() {
        for (WriteJournal.Entry entry : journal.unfinished()) {
            WriteRequest request = entry.request();
            List<Path> complete = new ArrayList<>();
            int removed = 0;
            for (Path file : request.series().files()) {
                try {
                    if (Files.deleteIfExists(NxmxFileWriter.temporaryFile(file))) {
                        removed++;
                    }
                } catch (IOException e) {
                    LOG.warn("Temporary file of {} not removed: {}", file, e.getMessage());
                }
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    complete.add(file);
                }
            }
            String why = "the hub stopped while writing this request (killed, crashed or its node lost); "
                    + complete.size() + " of " + request.series().files().size() + " files complete"
                    + (removed > 0 ? ", the incomplete one removed" : "");
            WriteJob job = WriteJob.interrupted(request, complete, why);
            jobs.add(job);
            interrupted.put(request.requestId(), new Interrupted(job, entry.requestBytes()));
            LOG.warn("Write request {}: {}", request.requestId(), why);
        }
    }

    public Map<String, DetectorWriter> writers() {
        return writers;
    }

    // Detector route step

    /** Every assembled image: handed to its detector's writer, which takes it if a request runs. */
    public void offer(ImageMetadata image) {
        DetectorWriter w = writers.get(image.detector());
        if (w != null) {
            w.offer(image);
        }
    }

    // Request route steps (routes/writer.yaml; WriterMessages meets Camel's messages)

    /**
     * A request arrived: checks it and registers it. A request that cannot be run is still
     * started and then failed, as std_daq's agents do, so the client hears why.
     */
    public WriteTask received(String requestId, byte[] body) {
        try {
            if (requestId == null || requestId.isBlank()) {
                throw new IllegalArgumentException("the request has no correlation_id (the request id)");
            }
            if (jobs.get(requestId).isPresent()) {
                LOG.info("Write request {} received again (re-sent after a broker restart): already handled", requestId);
                return WriteTask.duplicate(requestId, body);
            }
            WriteJob job = new WriteJob(request(requestId, body));
            jobs.add(job);
            return WriteTask.accepted(requestId, body, job);
        } catch (IllegalArgumentException | IOException e) {
            LOG.warn("Write request {} refused: {}", requestId, e.getMessage());
            return WriteTask.refused(requestId, body, e.getMessage());
        }
    }

    private WriteRequest request(String requestId, byte[] body) throws IOException {
        JsonNode node;
        try {
            node = json.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body is not JSON: "
                    + new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8));
        }
        WriteRequestFields f = WriteRequestFields.of(node, properties.maxImages(), writers.keySet());
        String detector = f.detector() != null ? f.detector() : defaultDetector();
        Compression compression = Compression.parse(f.compression() != null ? f.compression() : properties.compression());
        int perFile = f.imagesPerFile() != null ? f.imagesPerFile() : properties.imagesPerFile();
        Path output = roots.resolve(f.outputFile());
        return new WriteRequest(requestId, detector, f.outputFile(), f.images(), FileSeries.of(output, f.images(), perFile).within(output.getParent().toRealPath()),
                compression);
    }

    private String defaultDetector() {
        if (properties.detector() != null) {
            if (!writers.containsKey(properties.detector())) {
                throw new IllegalArgumentException("daqhub.writer.detector " + properties.detector()
                        + " is not a detector of this hub " + writers.keySet());
            }
            return properties.detector();
        }
        if (writers.size() == 1) {
            return writers.keySet().iterator().next();
        }
        throw new IllegalArgumentException(writers.isEmpty() ? "this hub has no detector to write"
                : "the request names no detector (field detector) and this hub has several: " + writers.keySet());
    }

    /** Runs the request to its end (this thread waits), then sets the final status. */
    public void execute(WriteTask task) {
        if (task.refusal() != null) {
            task.status(FAIL, task.refusal());
            return;
        }
        WriteJob job = task.job();
        try {
            journal.begin(job.request(), task.getRequestBytes());
        } catch (IOException e) {
            // without its entry a crash would leave the client waiting for ever: refuse instead
            String why = "the request cannot be recorded in the writer's journal: " + e.getMessage();
            LOG.warn("Write request {} refused: {}", job.requestId(), why);
            job.failBeforeStart(why);
            task.status(FAIL, why);
            return;
        }
        writers.get(job.request().detector()).write(job);
        switch (job.state()) {
            case FAILED -> task.status(FAIL, job.message());
            case KILLED -> task.status(SUCCESS, job.message());
            default -> task.status(SUCCESS, null);
        }
    }

    /** After the request's final status went out: it is no longer unfinished. */
    public void finished(WriteTask task) {
        String requestId = task.getRequestId();
        if (requestId != null) {
            journal.end(requestId);
            interrupted.remove(requestId);
        }
    }

    /** The requests found unfinished at start whose request_fail has not gone out yet. */
    public List<Interrupted> interrupted() {
        return List.copyOf(interrupted.values());
    }

    /** The final status of an interrupted request, as {@link #execute} sets it for a request it ran. */
    public WriteTask announce(Interrupted i) {
        return WriteTask.accepted(i.job().requestId(), i.request(), i.job()).status(FAIL, i.job().message());
    }

    /**
     * A kill (its correlation id names the request): stops the running request, or cancels a queued
     * one (including one still waiting in the broker: its id is remembered until it arrives).
     */
    public void kill(String requestId) {
        if (requestId == null || requestId.isBlank()) {
            LOG.warn("Kill without a correlation_id ignored");
            return;
        }
        jobs.kill(requestId);
        LOG.info("Kill for write request {}", requestId);
    }

    /** This agent's name in the statuses it publishes (header source). */
    public String serviceName() {
        return properties.serviceName();
    }

    /** The same status as a hub event (routing key {@code writer.<action>}), JSON with the progress. */
    public HubEvent event(WriteTask task) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "writer." + task.getAction());
        event.put("request_id", task.getRequestId());
        event.put("source", properties.serviceName());
        event.put("message", task.getMessage());
        if (task.job() != null) {
            event.put("status", task.job().status());
        }
        return new HubEvent("writer." + task.getAction(), event);
    }

    // REST steps

    /** {@code GET /write/{request_id}} for a request this hub's writer knows. */
    public Optional<WriteJob> job(String requestId) {
        return jobs.get(requestId);
    }

    /** {@code GET /writer}: the writers, what each is doing, and their counters. */
    /**
     * For the operator console: per detector the running request's progress (images written of
     * requested, rate, MB/s, file, images waiting to be written) and the writer's counters; the
     * recent requests with their outcome.
     */
    public WriterAnswers.Console console() {
        List<WriterAnswers.ConsoleWriter> list = new ArrayList<>();
        writers.values().forEach(w -> {
            WriteJob active = w.active();
            list.add(new WriterAnswers.ConsoleWriter(w.detector(), active == null ? null
                    : new WriterAnswers.Active(active.status(), active.imagesWaiting()), w.statistics().snapshot()));
        });
        return new WriterAnswers.Console(properties.compression(), list, jobs.recent(10));
    }

    public WriterAnswers.Overview overview() {
        List<WriterAnswers.Writer> list = new ArrayList<>();
        writers.values().forEach(w -> {
            WriteJob active = w.active();
            list.add(new WriterAnswers.Writer(w.detector(), active == null ? null : active.requestId(),
                    w.statistics().snapshot()));
        });
        return new WriterAnswers.Overview(properties.tag(), properties.serviceName(),
                roots.roots().stream().map(Path::toString).toList(), properties.imagesPerFile(),
                properties.compression(), compressionThreads, net.jpountz.lz4.LZ4Factory.fastestInstance().toString(),
                org.daqhub.processors.filewriter.hdf5.Compression.bitshuffleImplementation(), list, jobs.summary());
    }
}
