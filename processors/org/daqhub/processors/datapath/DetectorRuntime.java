package org.daqhub.processors.datapath;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.processors.receive.DetectorSettings;
import org.daqhub.processors.receive.FrameCollector;
import org.daqhub.processors.receive.FramePool;
import org.daqhub.processors.receive.ImageAssembler;
import org.daqhub.processors.receive.ImageMetadata;
import org.daqhub.processors.receive.ImageSink;
import org.daqhub.processors.receive.ImageStatistics;
import org.daqhub.processors.receive.JungfrauConverter;
import org.daqhub.processors.receive.ModuleCounter;
import org.daqhub.processors.receive.ModulePlacer;
import org.daqhub.processors.receive.ModuleReceiver;
import org.daqhub.processors.receive.PacketHeader;
import org.daqhub.processors.stage.Stage;
import org.daqhub.processors.statistics.Counters;
import org.daqhub.processors.zmq.ImageMetadataPublisher;
import org.daqhub.processors.zmq.ImageStreamReceiver;
import org.daqhub.processors.zmq.ImageStreamSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;

/**
 * One detector's data path in this process: a receiver per module (UDP port start_udp_port + its std_daq module number)
 * and the image assembler, or, for a replica, a receiver of another hub's image stream; the image
 * buffer; and the ZeroMQ metadata publisher and image stream sender the routes call. It runs
 * independently of Camel routes, so reloading a route never interrupts reception; the route
 * attaches an {@link ImageSink} to get each image.
 */
public final class DetectorRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DetectorRuntime.class);

    private final DetectorDefinition detector;
    private final ImageBuffer buffer;
    private final ImageAssembler assembler;
    private final List<ModuleReceiver> receivers = new ArrayList<>();
    private final List<FramePool> pools = new ArrayList<>();
    private final ImageStreamReceiver streamReceiver;
    private final ImageMetadataPublisher metadataPublisher;
    private final ImageStreamSender streamSender;
    private final List<ImageSink> sinks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final long startedNanos = System.nanoTime();
    private long sampledNanos = startedNanos;
    private long sampledPackets;
    private long sampledBytes;
    private long sampledImages;
    private volatile double packetRate;
    private volatile double byteRate;
    private volatile double imageRate;
    private volatile ImageMetadata latest;

    /**
     * @param bindAddress  address the module sockets bind to
     * @param bufferDir    directory of the buffer file when the definition names none
     * @param portOverride first UDP port to use instead of start_udp_port, or 0 (tests use free ports)
     */
    public DetectorRuntime(DetectorDefinition detector, String bindAddress, Path bufferDir, int portOverride,
            JungfrauConverter converter, ZContext zmq) throws IOException {
        this.detector = detector;
        this.buffer = ImageBuffer.create(bufferFile(detector, bufferDir), detector.name(),
                detector.settings().bufferSlots(), detector.imageHeight(), detector.imageWidth(),
                detector.imagePixelType().bytes(), detector.imagePixelType().code());
        this.assembler = new ImageAssembler(detector, buffer, new ModulePlacer(detector, converter));
        assembler.setSink(this::deliver);
        DetectorSettings settings = detector.settings();
        this.metadataPublisher = settings.metadataEndpoint().isEmpty() || zmq == null ? null
                : new ImageMetadataPublisher(zmq, settings.metadataEndpoint());
        this.streamSender = settings.streamEndpoint().isEmpty() || zmq == null ? null
                : new ImageStreamSender(zmq, settings.streamEndpoint(), buffer, 1000);
        this.streamReceiver = settings.streamSource().isEmpty() ? null
                : new ImageStreamReceiver(zmq, settings.streamSource(), buffer, detector.name());
        if (streamReceiver != null) {
            streamReceiver.setSink(this::deliver);
        }
        int firstPort = portOverride > 0 ? portOverride : detector.startUdpPort();
        try {
            for (int m = 0; streamReceiver == null && m < detector.nModules(); m++) {
                FramePool pool = new FramePool(m, detector.settings().framePoolSize(), detector.packetsPerFrame(),
                        detector.type().payloadBytes());
                FrameCollector collector = new FrameCollector(detector, m, pool,
                        Counters.singleWriter(ModuleCounter.class), assembler);
                receivers.add(new ModuleReceiver(detector.name() + "-module-" + m, bindAddress,
                        detector.udpPort(firstPort, m),
                        detector.settings().receiveBufferBytes(), detector.settings().frameTimeoutMs(), collector));
                pools.add(pool);
            }
        } catch (IOException e) {
            close(false);
            throw new IOException(detector.name() + ": cannot bind UDP port "
                    + detector.udpPort(firstPort, receivers.size()) + ": "
                    + e.getMessage(), e);
        }
    }

    /** The detector's buffer file: in its definition's buffer_dir, else in {@code bufferDir}. */
    public static Path bufferFile(DetectorDefinition detector, Path bufferDir) {
        Path dir = detector.settings().bufferDir() != null ? Path.of(detector.settings().bufferDir()) : bufferDir;
        return dir.resolve("daqhub-" + detector.name() + ".buffer");
    }

    public void start() {
        warmUp();
        // downstream first, so every step has somewhere to hand its work when it begins
        List<Stage> stages = stages();
        java.util.Collections.reverse(stages);
        stages.forEach(Stage::start);
        if (streamReceiver != null) {
            LOG.info("Detector {} replicates the image stream of {} into {} ({} slots)", detector.name(),
                    detector.settings().streamSource(), buffer.file(), buffer.slots());
            return;
        }
        LOG.info("Detector {} ({}, {} modules, {} x {} {}) receiving on UDP ports {}-{}; buffer {} ({} slots)",
                detector.name(), detector.type().id(), detector.nModules(), detector.imageWidth(),
                detector.imageHeight(), detector.imagePixelType().dtype(), receivers.get(0).port(),
                receivers.get(receivers.size() - 1).port(), buffer.file(), buffer.slots());
    }

    /**
     * Runs the per-packet and per-image code on synthetic packets before the sockets are read, so
     * the JIT has compiled it when the detector starts sending: cold, it loses packets in the first
     * second at rates the warm code handles without loss.
     */
    private void warmUp() {
        if (streamReceiver != null) {
            return;
        }
        long started = System.nanoTime();
        int packets = detector.packetsPerFrame();
        FramePool pool = new FramePool(0, 4, packets, detector.type().payloadBytes());
        ModulePlacer placer = new ModulePlacer(detector, null);
        java.nio.ByteBuffer image = java.nio.ByteBuffer.allocateDirect(detector.imageBytes())
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        java.nio.ByteBuffer[] frameData = new java.nio.ByteBuffer[detector.nModules()];
        Counters<ModuleCounter> counted = Counters.singleWriter(ModuleCounter.class);
        FrameCollector collector = new FrameCollector(detector, 0, pool, counted, frame -> {
            if (detector.imagePixelType() == detector.rawPixelType()) {
                java.util.Arrays.fill(frameData, frame.data()); // every module: the assembler's own path
                placer.placeAll(frameData, image.clear());
            }
            frame.release();
        });
        java.nio.ByteBuffer packet = java.nio.ByteBuffer.allocateDirect(detector.type().packetBytes())
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int frames = Math.max(20, 20_000 / packets);
        for (int f = 1; f <= frames; f++) {
            for (int p = 0; p < packets; p++) {
                PacketHeader.write(packet, f, p, f, 0, 0, 0);
                collector.accept(packet, packet.capacity(), System.nanoTime());
            }
        }
        LOG.debug("{}: receive path warmed up in {} ms", detector.name(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Replaces every sink with {@code sink} (null: none). */
    public void setSink(ImageSink sink) {
        sinks.clear();
        if (sink != null) {
            sinks.add(sink);
        }
    }

    /**
     * Adds a sink: every image goes to each sink in the order they were added, on the assembling
     * thread (so each sees images in assembly order). One route per capability consumes the
     * detector's images (announcing them, writing them), each its own sink.
     */
    public void addSink(ImageSink sink) {
        sinks.add(sink);
    }

    public void removeSink(ImageSink sink) {
        sinks.remove(sink);
    }

    private void deliver(ImageMetadata image) {
        latest = image;
        for (ImageSink sink : sinks) {
            sink.onImage(image);
        }
    }

    /** The newest image in the buffer, or null before the first (for live previews). */
    public ImageMetadata latestImage() {
        return latest;
    }

    /** Announces an image on the metadata PUB socket (no-op when none is configured). */
    public void publishMetadata(ImageMetadata image) {
        if (metadataPublisher != null) {
            metadataPublisher.publish(image);
        }
    }

    /** Sends an image (metadata and pixels) on the image stream (no-op when none is configured). */
    public void sendImage(ImageMetadata image) {
        if (streamSender != null) {
            streamSender.send(image);
        }
    }

    /** Endpoints actually bound, for clients to connect to. */
    public Map<String, String> endpoints() {
        Map<String, String> e = new LinkedHashMap<>();
        if (metadataPublisher != null) {
            e.put("metadata", metadataPublisher.endpoint());
        }
        if (streamSender != null) {
            e.put("stream", streamSender.endpoint());
        }
        if (streamReceiver != null) {
            e.put("stream_source", detector.settings().streamSource());
        }
        return e;
    }

    public DetectorDefinition definition() {
        return detector;
    }

    public ImageBuffer buffer() {
        return buffer;
    }

    public List<Integer> udpPorts() {
        return receivers.stream().map(ModuleReceiver::port).toList();
    }

    public ImageStatistics imageStatistics() {
        return assembler.images();
    }

    /**
     * The steps of the data path, upstream first: module receivers, assembler (or the replication
     * receiver), metadata publisher, image stream.
     */
    public List<Stage> stages() {
        List<Stage> stages = new ArrayList<>(receivers);
        stages.addAll(imageStages());
        return stages;
    }

    /** The steps that work per image: the assembler (or the replication receiver), then its outputs. */
    private List<Stage> imageStages() {
        List<Stage> stages = new ArrayList<>();
        stages.add(streamReceiver != null ? streamReceiver : assembler);
        if (metadataPublisher != null) {
            stages.add(metadataPublisher);
        }
        if (streamSender != null) {
            stages.add(streamSender);
        }
        return stages;
    }

    /** Starts the counts of every step's statistics again (odin-data's reset_statistics). */
    public void resetStatistics() {
        stages().forEach(Stage::resetStatistics);
    }

    /** Each module receiver's counters, by module. */
    public List<Counters<ModuleCounter>> moduleStatistics() {
        return receivers.stream().<Counters<ModuleCounter>>map(ModuleReceiver::statistics).toList();
    }

    /** One counter summed over the modules. */
    public long moduleTotal(ModuleCounter counter) {
        long total = 0;
        for (ModuleReceiver receiver : receivers) {
            total += receiver.statistics().get(counter);
        }
        return total;
    }

    /**
     * Updates the current rates from the counters since the previous call; the hub calls it once a
     * second, so the rates in the statistics are those of the last second, not averages since start.
     */
    public synchronized void sampleRates(long nowNanos) {
        long packets = moduleTotal(ModuleCounter.PACKETS_RECEIVED);
        long bytes = moduleTotal(ModuleCounter.BYTES_RECEIVED);
        long images = imagesInBuffer();
        double seconds = (nowNanos - sampledNanos) / 1e9;
        if (seconds > 0) {
            packetRate = (packets - sampledPackets) / seconds;
            byteRate = (bytes - sampledBytes) / seconds;
            imageRate = (images - sampledImages) / seconds;
        }
        sampledNanos = nowNanos;
        sampledPackets = packets;
        sampledBytes = bytes;
        sampledImages = images;
    }

    /** Images written into the buffer so far: assembled here, or received from the source hub. */
    private long imagesInBuffer() {
        return streamReceiver != null ? streamReceiver.imagesReceived()
                : assembler.images().imagesTotal();
    }

    /** Buffer slots holding an image (all of them once the buffer has wrapped). */
    public long bufferFilled() {
        return Math.min(buffer.slots(), imagesInBuffer());
    }

    /**
     * Images in the buffer not yet sent on the image stream, nor given up (dropped for a slow
     * consumer, overwritten before sending); -1 when the detector has no image stream.
     */
    public long streamBehind() {
        if (streamSender == null) {
            return -1;
        }
        return Math.max(0, imagesInBuffer() - streamSender.sent() - streamSender.dropped() - streamSender.overwritten());
    }

    /** Everything counted so far, for /detector/{name}/stats and the metrics. */
    public DetectorStatistics statistics() {
        double seconds = Math.max(1e-9, (System.nanoTime() - startedNanos) / 1e9);
        long packets = 0;
        long bytes = 0;
        long lost = 0;
        List<DetectorStatistics.Module> modules = new ArrayList<>();
        for (int m = 0; m < receivers.size(); m++) {
            Map<String, Long> counters = receivers.get(m).statistics().snapshot();
            modules.add(new DetectorStatistics.Module(m, receivers.get(m).port(), counters, pools.get(m).available()));
            packets += counters.get("packets_received");
            bytes += counters.get("bytes_received");
            lost += counters.get("packets_lost");
        }
        Map<String, Long> steps = new LinkedHashMap<>(assembler.images().snapshot()); // with the last image id
        for (Stage stage : imageStages()) {
            if (stage != assembler) {
                steps.putAll(stage.statistics().snapshot());
            }
        }
        DetectorStatistics.Buffer shown = new DetectorStatistics.Buffer(buffer.file().toString(), buffer.slots(),
                buffer.imageBytes(), Math.min(buffer.slots(), imagesInBuffer()));
        // packets and bytes are sums of the modules' shown counts, so a statistics reset starts them again too
        return new DetectorStatistics(detector.name(), detector.type().id(), udpPorts(), endpoints(),
                Math.round(seconds * 1000) / 1000.0, packets, lost, Math.round(packetRate), Math.round(byteRate),
                Math.round(imageRate * 10) / 10.0, Math.round(packets / seconds), Math.round(bytes / seconds), shown,
                modules, steps);
    }

    /** Stops the detector and keeps its buffer file (for readers that outlive the hub). */
    @Override
    public void close() {
        close(true);
    }

    /** Stops the detector; its buffer file is removed unless {@code keepBuffer}. */
    public void close(boolean keepBuffer) {
        // upstream first, so no step hands work to one already closed
        stages().forEach(Stage::close);
        if (streamReceiver != null) {
            assembler.close(); // never started, but not among the stages either
        }
        try {
            if (keepBuffer) {
                buffer.close();
            } else {
                buffer.delete();
            }
        } catch (IOException e) {
            LOG.warn("{}: closing the buffer failed: {}", detector.name(), e.toString());
        }
    }
}
