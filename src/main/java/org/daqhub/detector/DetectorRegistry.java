package org.daqhub.detector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.daqhub.broker.HubEvent;
import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.processors.receive.DetectorDefinitions;
import org.daqhub.processors.datapath.DetectorRuntime;
import org.daqhub.processors.datapath.DetectorStatistics;
import org.daqhub.processors.receive.DetectorSizing;
import org.daqhub.processors.receive.DetectorType;
import org.daqhub.processors.receive.ImageMetadata;
import org.daqhub.processors.receive.JungfrauConverter;
import org.daqhub.processors.io.DirectMemory;
import org.daqhub.web.HubException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;

/**
 * The detectors of this hub: one {@link DetectorRuntime} per definition file, started with the
 * application and stopped with it. A file that is invalid (or whose ports are taken) is refused
 * with an ERROR naming the problem and listed under {@code GET /detectors}; the other detectors
 * and capabilities run regardless. Routes reach it as the bean {@code detectors}.
 */
public class DetectorRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DetectorRegistry.class);

    private final Map<String, DetectorRuntime> running = new LinkedHashMap<>();
    private final Map<String, String> refused = new LinkedHashMap<>();
    private final boolean keepBuffers;

    public DetectorRegistry(DetectorProperties properties, ZContext zmq) {
        this.keepBuffers = properties.keepBuffers();
        if (!properties.enabled()) {
            LOG.info("Detector data path disabled (daqhub.detector.enabled=false)");
            return;
        }
        Path dir = properties.definitionsDir();
        if (!Files.isDirectory(dir)) {
            LOG.warn("No detector definitions: {} is not a directory", dir.toAbsolutePath());
            return;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            LOG.error("Cannot list detector definitions in {}: {}", dir, e.toString());
            return;
        }
        for (Path file : files) {
            start(file, dir, properties, zmq);
        }
    }

    private void start(Path file, Path dir, DetectorProperties properties, ZContext zmq) {
        DetectorDefinition d;
        try {
            d = DetectorDefinitions.load(file);
        } catch (IOException | IllegalArgumentException e) {
            refused.put(file.getFileName().toString(), e.getMessage());
            LOG.error("Detector definition refused: {}", e.getMessage());
            return;
        }
        if (running.containsKey(d.name())) {
            refused.put(file.getFileName().toString(), "detector_name " + d.name() + " is used by another file");
            LOG.error("Detector definition {} refused: detector_name {} is used by another file", file, d.name());
            return;
        }
        String unfit = sizing(d, properties.bufferDir());
        if (unfit != null) {
            refused.put(file.getFileName().toString(), unfit);
            LOG.error("Detector {} refused: {}", d.name(), unfit);
            return;
        }
        try {
            DetectorRuntime runtime = new DetectorRuntime(d, properties.bindAddress(), properties.bufferDir(), 0,
                    converter(d, dir), zmq);
            runtime.start();
            running.put(d.name(), runtime);
        } catch (IOException | RuntimeException | OutOfMemoryError | InternalError e) {
            // the errors too: the sizing check is the rule, this is the last line (another allocation
            // raced it); a detector that cannot start must not take the hub with it
            String why = e.getMessage() + EphemeralPorts.hint(e.getMessage());
            refused.put(file.getFileName().toString(), why);
            LOG.error("Detector {} could not start: {}", d.name(), why);
        }
    }

    /** Why {@code d} does not fit in this JVM's direct memory or its buffer directory, or null. */
    private static String sizing(DetectorDefinition d, Path defaultBufferDir) {
        Path file = DetectorRuntime.bufferFile(d, defaultBufferDir);
        Path bufferDir = file.getParent();
        long space;
        try {
            Path existing = bufferDir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.toAbsolutePath().getParent();
            }
            space = existing == null ? Long.MAX_VALUE : Files.getFileStore(existing).getUsableSpace();
            // a file left by a hub that stopped is replaced: its room counts
            if (Files.isRegularFile(file)) {
                space += Files.size(file);
            }
        } catch (IOException e) {
            space = Long.MAX_VALUE; // cannot tell: creating the file will say
        }
        return DetectorSizing.of(d).refusal(d, DirectMemory.available(), space, bufferDir.toString());
    }

    private static JungfrauConverter converter(DetectorDefinition d, Path dir) throws IOException {
        if (d.type() != DetectorType.JUNGFRAU_CONVERTED) {
            return null;
        }
        int pixels = d.type().moduleWidth() * d.type().moduleHeight();
        if (d.settings().pedestalFile().isEmpty()) {
            LOG.warn("Detector {}: no calibration configured (daqhub.calibration); converted images hold the ADC "
                    + "values as float32", d.name());
            return JungfrauConverter.identity(d.nModules(), pixels);
        }
        return JungfrauConverter.fromFiles(d.nModules(), pixels, dir.resolve(d.settings().pedestalFile()),
                dir.resolve(d.settings().gainFile()));
    }

    public DetectorRuntime get(String name) {
        DetectorRuntime runtime = running.get(name);
        if (runtime == null) {
            throw HubException.notFound("no detector named '" + name + "'; configured: " + running.keySet());
        }
        return runtime;
    }

    public Optional<DetectorRuntime> find(String name) {
        return Optional.ofNullable(running.get(name));
    }

    public Map<String, DetectorRuntime> all() {
        return running;
    }

    /** GET /detector/{name}/stats */
    public DetectorStatistics stats(String name) {
        return get(name).statistics();
    }

    /** POST /detector/{name}/stats/reset: the statistics after every step started its counts again. */
    public DetectorStatistics resetStats(String name) {
        DetectorRuntime runtime = get(name);
        runtime.resetStatistics();
        return runtime.statistics();
    }

    /** For the operator console: every detector's statistics and newest image, and the refused files. */
    public DetectorAnswers.Console console() {
        Map<String, DetectorAnswers.ConsoleDetector> all = new LinkedHashMap<>();
        running.forEach((name, runtime) -> all.put(name, new DetectorAnswers.ConsoleDetector(runtime.statistics(),
                DetectorAnswers.LatestImage.of(runtime.latestImage()), runtime.definition().imageHeight(),
                runtime.definition().imageWidth())));
        return new DetectorAnswers.Console(all, Map.copyOf(refused));
    }

    /** GET /detectors */
    public DetectorAnswers.Detectors list() {
        Map<String, DetectorAnswers.Detector> detectors = new LinkedHashMap<>();
        running.forEach((name, r) -> detectors.put(name, DetectorAnswers.Detector.of(r)));
        return new DetectorAnswers.Detectors(detectors, Map.copyOf(refused));
    }

    /**
     * One hub event per detector: {@code {routing_key: "detector.<name>.statistics", event: {detector,
     * statistics}}} (route detector-statistics-events).
     */
    public List<HubEvent> statisticsEvents() {
        List<HubEvent> events = new java.util.ArrayList<>();
        running.forEach((name, runtime) -> {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("event", "detector.statistics");
            event.put("detector", name);
            event.put("statistics", runtime.statistics());
            events.add(new HubEvent("detector." + name + ".statistics", event));
        });
        return events;
    }

    /** Route step: announce an image on its detector's metadata socket and image stream. */
    public void publish(ImageMetadata image) {
        DetectorRuntime runtime = get(image.detector());
        runtime.publishMetadata(image);
        runtime.sendImage(image);
    }

    /** The rates in the statistics are those of the last second. */
    @org.springframework.scheduling.annotation.Scheduled(fixedRate = 1000)
    public void sampleRates() {
        long now = System.nanoTime();
        running.values().forEach(r -> r.sampleRates(now));
    }

    @Override
    public void close() {
        running.values().forEach(r -> r.close(keepBuffers));
    }
}
