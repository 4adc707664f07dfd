package org.daqhub.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.ImageStatus;
import org.daqhub.processors.buffer.SlotMetadata;
import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.processors.receive.DetectorDefinitions;
import org.daqhub.processors.receive.ImageMetadata;
import org.daqhub.processors.receive.ModulePlacer;
import org.daqhub.tools.simulator.PixelPattern;
import org.daqhub.processors.filewriter.DetectorWriter;
import org.daqhub.processors.filewriter.FileSeries;
import org.daqhub.processors.filewriter.WriteJob;
import org.daqhub.processors.filewriter.WriteRequest;
import org.daqhub.processors.filewriter.WriteState;
import org.daqhub.processors.filewriter.hdf5.Compression;
import org.daqhub.support.FreeUdpPorts;
import org.daqhub.support.Http;
import org.daqhub.support.HubProcess;

/**
 * The whole detector data path, end to end: the simulator (its own JVM) sends a detector's UDP
 * packets to the packaged hub (its own JVM, as deployed), which receives, assembles into the
 * image buffer and writes a bitshuffle-LZ4 HDF5 request of exactly the frames sent. A rate passes
 * when no packet is lost and every image of the request is written good (none lost in the buffer,
 * none missing). The highest passing rate is found by bisection between a low and a high rate.
 *
 * <p>Each stage is also measured alone in the same run, as CPU time per image: sending (the
 * simulator's sending thread, to ports nobody reads), receiving and assembling (the hub's module
 * and assembler threads while it receives at the found rate with no write request), and
 * compressed writing (the hub's writer on all cores, in this JVM, from a buffer holding the same
 * images). On one machine the stages share the cores, so the bound of the end-to-end rate is
 * {@code cores / (sum of the stages' CPU per image)}, which is 1 / (1/r_send + 1/r_receive +
 * 1/r_assemble + 1/r_write) with each r the stage's rate on all cores.
 *
 * <p>The bench definition is the given one without its ZeroMQ endpoints (no image stream: the
 * path measured is UDP to disk) and on free ports. Needs {@code target/daq-hub.jar}
 * ({@code mvn package -DskipTests}). Writes {@code <out>/e2e-<detector>.csv} for
 * {@code bench/plot-e2e.py}.
 *
 * <pre>
 * mvn -Pbench test-compile exec:exec -Dbench.main=org.daqhub.bench.EndToEndBench \
 *   -Dbench.args="config/detectors/jungfrau-sim.json 30 20 400 5 /tmp/bench-e2e"
 * </pre>
 * (definition, seconds per rate, low and high frame rate, bisection steps, output directory)
 */
public final class EndToEndBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TICK = 100.0; // USER_HZ: /proc reports thread CPU in 1/100 s

    private final DetectorDefinition detector;
    private final Path definitionFile;
    private final int seconds;
    private final Path out;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final List<String> csv = new ArrayList<>();
    /** Frame numbers go on from pass to pass, as a detector's do, so the hub sees no restart. */
    private long nextFrame = 1;

    private EndToEndBench(DetectorDefinition detector, Path definitionFile, int seconds, Path out) {
        this.detector = detector;
        this.definitionFile = definitionFile;
        this.seconds = seconds;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        // The writer's HDF5 library logs every dataset it writes at INFO: not while measuring.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.jhdf"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path out = Files.createDirectories(Path.of(args.length > 5 ? args[5] : "target/bench-e2e")).toRealPath();
        int port = FreeUdpPorts.consecutive(64);
        ObjectNode root = (ObjectNode) JSON.readTree(Path.of(args[0]).toFile());
        root.put("start_udp_port", port);
        ObjectNode daqhub = root.with("daqhub");
        daqhub.remove("metadata_endpoint");
        daqhub.remove("stream_endpoint");
        if (System.getProperty("bench.slots") != null) { // a larger buffer rides out longer stalls of the writer
            daqhub.put("buffer_slots", Integer.getInteger("bench.slots"));
        }
        if (System.getProperty("bench.pool") != null) { // more frames per module ride out stalls of the assembler
            daqhub.put("frame_pool_size", Integer.getInteger("bench.pool"));
        }
        Path definitions = Files.createDirectories(out.resolve("detectors"));
        try (Stream<Path> old = Files.list(definitions)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
        Path definitionFile = definitions.resolve(root.get("detector_name").asText() + ".json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(definitionFile.toFile(), root);
        DetectorDefinition detector = DetectorDefinitions.load(definitionFile);
        new EndToEndBench(detector, definitionFile, Integer.parseInt(args[1]), out)
                .run(Double.parseDouble(args[2]), Double.parseDouble(args[3]), Integer.parseInt(args[4]));
    }

    /** One pass of the path at one rate: what was sent, lost and written, and the hub's CPU by stage. */
    private record Pass(double rate, long frames, SimulatorRun sent, long packetsLost, long written, long lostInBuffer,
            long missing, String state, Map<String, Double> cpu) {

        boolean clean() {
            return packetsLost == 0 && written == frames && lostInBuffer == 0 && missing == 0
                    && state.equals("succeeded");
        }

        double lossFraction() {
            return (double) packetsLost / Math.max(1, sent.packets());
        }
    }

    private void run(double low, double high, int steps) throws Exception {
        int packetsPerImage = detector.nModules() * detector.packetsPerFrame();
        System.out.printf(Locale.ROOT, "%s: %d modules, %d packets and %.2f MB per image; buffer of %d images; "
                + "%d frames per module pool; %d s per rate; %d cores%n", detector.name(), detector.nModules(),
                packetsPerImage, detector.imageBytes() / 1e6, detector.settings().bufferSlots(),
                detector.settings().framePoolSize(), seconds, cores);
        csv.add("rate_hz,achieved_hz,packets_sent,packets_lost,loss_fraction,images_requested,images_written,clean");
        try (HubProcess hub = HubProcess.start("e2e-" + detector.name(), List.of("-Xmx1g"),
                List.of("--daqhub.detector.definitions-dir=" + definitionFile.getParent(),
                        "--daqhub.detector.bind-address=127.0.0.1",
                        "--daqhub.writer.compression-threads=" + cores,
                        "--daqhub.writer.output-roots=" + out.resolve("files"),
                        "--logging.level.org.daqhub=WARN"), Map.of())) {
            hub.awaitHealthy(Duration.ofMinutes(2));
            Files.createDirectories(out.resolve("files"));
            long pid = hub.process().pid();
            System.out.println();
            System.out.println("| frame rate asked | reached | packets sent | packets lost | images written / requested "
                    + "| lost in buffer | missing | result |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
            pass(hub, pid, low, false); // warm-up: the JIT compiles the hub's per-packet code, not billed to a rate
            Pass best = null;
            Pass first = pass(hub, pid, low, true);
            if (first.clean()) {
                best = first;
                Pass top = pass(hub, pid, high, true);
                if (top.clean()) {
                    best = top;
                } else {
                    double good = low;
                    double bad = high;
                    for (int i = 0; i < steps; i++) {
                        double mid = Math.round((good + bad) / 2);
                        Pass p = pass(hub, pid, mid, true);
                        if (p.clean()) {
                            good = mid;
                            best = p;
                        } else {
                            bad = mid;
                        }
                    }
                }
            }
            Files.write(out.resolve("e2e-" + detector.name() + ".csv"), csv);
            if (best == null) {
                System.out.println("no rate passed; lower the low rate");
                return;
            }
            Pass receiveOnly = pass(hub, pid, best.rate(), false);
            SimulatorRun sendOnly = sendAlone(best.frames());
            double writeCpu = writeAlone((int) Math.min(best.frames(), 500));
            stages(best, receiveOnly, sendOnly, writeCpu, packetsPerImage);
        }
    }

    /**
     * Sends {@code seconds} worth of frames at {@code rate}, with or without a write request of
     * exactly those frames, and reads back what the hub counted and wrote.
     */
    private Pass pass(HubProcess hub, long pid, double rate, boolean write) throws Exception {
        Http http = hub.http();
        long frames = Math.round(rate * seconds);
        String id = null;
        if (write) {
            String body = String.format(Locale.ROOT, "{\"output_file\": \"e2e-%s-%.0f.h5\", \"n_images\": %d, "
                    + "\"sources\": \"%s\", \"compression\": \"bitshuffle-lz4\", \"images_per_file\": 1000}",
                    detector.name(), rate, frames, detector.name());
            JsonNode answer = Http.json(http.postJson("/write_async", body));
            id = answer.path("request_id").asText();
            String request = id;
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                    () -> Http.json(http.get("/write/" + request)).path("state").asText().equals("running"));
        }
        JsonNode before = Http.json(http.get("/detector/" + detector.name() + "/stats"));
        Map<String, Double> cpuBefore = threadCpu(pid);
        SimulatorRun sent = simulate(detector.startUdpPort(), rate, frames, nextFrame);
        nextFrame += frames;
        JsonNode status = null;
        String state = "not asked";
        if (write) {
            String request = id;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(30, seconds));
            do {
                Thread.sleep(200);
                status = Http.json(http.get("/write/" + request));
                state = status.path("state").asText();
            } while ((state.equals("running") || state.equals("queued")) && System.nanoTime() < deadline);
            if (state.equals("running")) {
                http.postJson("/write_kill", "{\"request_id\": \"" + request + "\"}");
                status = Http.json(http.get("/write/" + request));
                state = "incomplete, killed";
            }
        } else {
            Thread.sleep(1000); // the last frames' timeouts
        }
        Map<String, Double> cpu = minus(threadCpu(pid), cpuBefore);
        JsonNode after = Http.json(http.get("/detector/" + detector.name() + "/stats"));
        long received = after.path("packets_received").asLong() - before.path("packets_received").asLong();
        long counted = after.path("packets_lost").asLong() - before.path("packets_lost").asLong();
        long lost = Math.max(counted, sent.packets() - received);
        deleteFiles(out.resolve("files"));
        Pass p = new Pass(rate, frames, sent, lost, status == null ? 0 : status.path("images_written").asLong(),
                status == null ? 0 : status.path("images_lost").asLong(),
                status == null ? 0 : status.path("images_missing").asLong(), state, cpu);
        if (write) {
            System.out.printf(Locale.ROOT, "| %.0f Hz | %.0f Hz | %d | %d | %d / %d | %d | %d | %s |%n", rate,
                    sent.frames() / sent.seconds(), sent.packets(), lost, p.written(), frames, p.lostInBuffer(), p.missing(),
                    p.clean() ? "pass" : "FAIL (" + state + ")");
            if (!p.clean() && Boolean.getBoolean("bench.verbose")) {
                System.out.println("(request: " + status + ")");
            }
            csv.add(String.format(Locale.ROOT, "%.0f,%.1f,%d,%d,%.6f,%d,%d,%b", rate, sent.frames() / sent.seconds(),
                    sent.packets(), lost, p.lossFraction(), frames, p.written(), p.clean()));
        }
        return p;
    }

    /** The simulator alone: its sending thread's CPU per frame, to ports nobody reads. */
    private SimulatorRun sendAlone(long frames) throws Exception {
        return simulate(FreeUdpPorts.consecutive(detector.nModules()), 0, frames, 1);
    }

    /**
     * The hub's writer alone, on all cores, in this JVM: the same images (the simulator's, as the
     * hub assembles them) from a buffer to a bitshuffle-LZ4 file; this JVM's CPU per image.
     */
    private double writeAlone(int images) throws Exception {
        Path bufferFile = Path.of("/dev/shm", "daqhub-e2e-bench-" + ProcessHandle.current().pid());
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        ExecutorService flusher = Executors.newSingleThreadExecutor(); // write-behind, as the hub's writer
        // One slot per image, as the writer finds them after assembly (image id = slot).
        try (ImageBuffer buffer = ImageBuffer.create(bufferFile, detector.name(), images, detector.imageHeight(),
                detector.imageWidth(), detector.imagePixelType().bytes(), detector.imagePixelType().code())) {
            ModulePlacer placer = new ModulePlacer(detector, null);
            ByteBuffer[] variants = new ByteBuffer[PixelPattern.VARIANTS];
            for (int v = 0; v < variants.length; v++) {
                ByteBuffer[] frames = new ByteBuffer[detector.nModules()];
                for (int m = 0; m < frames.length; m++) {
                    frames[m] = PixelPattern.frame(detector, v, m);
                }
                variants[v] = ByteBuffer.allocateDirect(detector.imageBytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                placer.placeAll(frames, variants[v]);
            }
            for (int slot = 0; slot < images; slot++) {
                buffer.beginWrite(slot);
                buffer.pixels(slot).put(variants[slot % variants.length].duplicate().clear());
                buffer.endWrite(slot, new SlotMetadata(slot, slot + 1, ImageStatus.GOOD, detector.nModules(), 0, slot,
                        1, 2));
            }
            double[] cpuPerImage = new double[3];
            for (int run = 0; run < cpuPerImage.length; run++) {
                DetectorWriter writer = new DetectorWriter(detector.name(), buffer, detector.imagePixelType(),
                        Map.of("description", "bench"), detector.nModules() * detector.packetsPerFrame(), pool, cores,
                        flusher);
                Path file = out.resolve("files").resolve("write-alone-" + run + ".h5");
                WriteJob job = new WriteJob(new WriteRequest("bench", detector.name(), file.getFileName().toString(),
                        images, FileSeries.of(file, images, images).within(out.resolve("files")),
                        Compression.BITSHUFFLE_LZ4));
                Thread t = new Thread(() -> writer.write(job));
                ProcessCpu cpu = ProcessCpu.start();
                long start = System.nanoTime();
                t.start();
                while (job.state() == WriteState.QUEUED) {
                    Thread.onSpinWait();
                }
                for (int i = 0; i < images; i++) {
                    writer.offer(new ImageMetadata(detector.name(), i, i + 1, detector.imageHeight(),
                            detector.imageWidth(), detector.imagePixelType().dtype(), ImageStatus.GOOD, i,
                            detector.nModules(), detector.nModules(), 0, i, 1, 2));
                }
                job.awaitEnd(10, TimeUnit.MINUTES);
                double wall = (System.nanoTime() - start) / 1e9;
                cpuPerImage[run] = cpu.benchNanos() / 1e9 / images;
                if (job.state() != WriteState.SUCCEEDED || job.written() != images) {
                    throw new IllegalStateException("write alone: " + job.state() + ": " + job.message());
                }
                System.out.printf(Locale.ROOT, "(write alone, run %d: %d images in %.2f s, %.0f images/s on %d "
                        + "threads, %.2f ms of CPU per image)%n", run, images, wall, images / wall, cores,
                        cpuPerImage[run] * 1e3);
                Files.delete(file);
            }
            java.util.Arrays.sort(cpuPerImage);
            return cpuPerImage[1];
        } finally {
            pool.shutdownNow();
            flusher.shutdown();
            Files.deleteIfExists(bufferFile);
        }
    }

    private void stages(Pass best, Pass receiveOnly, SimulatorRun sendOnly, double writeCpu, int packetsPerImage) {
        long images = best.frames();
        Map<String, Double> stageCpu = new LinkedHashMap<>();
        stageCpu.put("send", sendOnly.cpuSeconds() / sendOnly.frames());
        stageCpu.put("receive", receiveOnly.cpu().getOrDefault("receive", 0.0) / images);
        stageCpu.put("assemble", receiveOnly.cpu().getOrDefault("assemble", 0.0) / images);
        stageCpu.put("compressed write", writeCpu);
        double sum = stageCpu.values().stream().mapToDouble(Double::doubleValue).sum();
        double bound = cores / sum;
        String dominant = stageCpu.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        System.out.println();
        System.out.printf(Locale.ROOT, "Each stage alone (CPU per image; its rate on all %d cores = %d / CPU per image):%n",
                cores, cores);
        System.out.println("| stage | measured | CPU per image | rate alone on all cores | share of the path's CPU |");
        System.out.println("| --- | --- | --- | --- | --- |");
        Map<String, String> how = Map.of(
                "send", String.format(Locale.ROOT, "simulator's sending thread, %d frames as fast as it can (%.0f/s)",
                        sendOnly.frames(), sendOnly.frames() / sendOnly.seconds()),
                "receive", String.format(Locale.ROOT, "hub's %d module threads at %.0f Hz, no write request",
                        detector.nModules(), best.rate()),
                "assemble", String.format(Locale.ROOT, "hub's assembler thread at %.0f Hz, no write request",
                        best.rate()),
                "compressed write", String.format(Locale.ROOT, "hub's writer, bitshuffle-LZ4 on %d threads, "
                        + "same images from a buffer", cores));
        stageCpu.forEach((stage, cpu) -> System.out.printf(Locale.ROOT, "| %s | %s | %.3f ms | %.0f images/s | %.0f%% |%n",
                stage, how.get(stage), cpu * 1e3, cores / cpu, 100 * cpu / sum));
        System.out.printf(Locale.ROOT, "| **bound** | 1 / (1/r_send + 1/r_receive + 1/r_assemble + 1/r_write) | %.3f ms "
                + "| **%.0f images/s** | |%n", sum * 1e3, bound);
        System.out.println();
        System.out.printf(Locale.ROOT, "End to end, zero loss: %.0f images/s (%.0f packets/s, %.2f GB/s of pixels) = "
                + "%.2f of the bound; dominant stage: %s.%n", best.rate(), best.rate() * packetsPerImage,
                best.rate() * detector.imageBytes() / 1e9, best.rate() / bound, dominant);
        // One more core: the stages that run on a pool (the writer) or a thread per module spread
        // over it; the sender and the assembler are one thread each and cannot go past one core.
        double withCore = (cores + 1) / sum;
        double assemblerCap = 1 / stageCpu.get("assemble");
        double senderCap = 1 / stageCpu.get("send");
        System.out.printf(Locale.ROOT, "One more core: bound %.0f images/s (%d / CPU per image), below the one-thread "
                + "ceilings of the assembler (%.0f/s) and the sender (%.0f/s): %s.%n", Math.min(withCore,
                Math.min(assemblerCap, senderCap)), cores + 1, assemblerCap, senderCap,
                withCore < Math.min(assemblerCap, senderCap) ? "+" + Math.round(100.0 / cores) + "%" : "capped by one thread");
        System.out.println();
        System.out.printf(Locale.ROOT, "The hub's CPU per image at %.0f Hz end to end, by thread (ms):%n", best.rate());
        System.out.println("| receive | assemble | compress (writer-compress) | other threads (writing thread, Camel, GC, JIT) |");
        System.out.println("| --- | --- | --- | --- |");
        System.out.printf(Locale.ROOT, "| %.3f | %.3f | %.3f | %.3f |%n", 1e3 * best.cpu().getOrDefault("receive", 0.0)
                / images, 1e3 * best.cpu().getOrDefault("assemble", 0.0) / images,
                1e3 * best.cpu().getOrDefault("compress", 0.0) / images,
                1e3 * best.cpu().getOrDefault("other", 0.0) / images);
        best.cpu().entrySet().stream().filter(e -> e.getKey().startsWith("thread:"))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(4)
                .forEach(e -> System.out.printf(Locale.ROOT, "(other thread %s: %.3f ms per image)%n",
                        e.getKey().substring(7), 1e3 * e.getValue() / images));
    }

    /** CPU seconds of the hub's threads so far, by stage, from /proc (thread names cut to 15 characters). */
    private Map<String, Double> threadCpu(long pid) throws IOException {
        Map<String, Double> byStage = new HashMap<>();
        String receiver = cut(detector.name() + "-module-");
        String assembler = cut(detector.name() + "-assembler");
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICK; // utime, stime
                String stage = comm.startsWith(receiver) ? "receive" : comm.equals(assembler) ? "assemble"
                        : comm.startsWith("writer-compress") ? "compress" : "other";
                byStage.merge(stage, cpu, Double::sum);
                if (stage.equals("other")) {
                    byStage.merge("thread:" + comm.replaceAll("\\d+$", "N"), cpu, Double::sum);
                }
            }
        }
        return byStage;
    }

    private static String cut(String threadName) {
        return threadName.length() > 15 ? threadName.substring(0, 15) : threadName;
    }

    private static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> d = new HashMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
        return d;
    }

    private static void deleteFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).toList()) {
                Files.delete(f);
            }
        }
    }

    private SimulatorRun simulate(int port, double rate, long frames, long firstFrame) throws Exception {
        return SimulatorRun.send(definitionFile.toString(), port, rate, frames, firstFrame);
    }
}
