package org.daqhub.processors.detector;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.daqhub.processors.buffer.ImageBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One detector's data path in this process: a receiver per module (UDP port start_udp_port + i),
 * the image assembler, and the image buffer. It runs independently of Camel routes, so reloading a
 * route never interrupts reception; the route attaches an {@link ImageSink} to get each image.
 */
public final class DetectorRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DetectorRuntime.class);

    private final DetectorDefinition detector;
    private final ImageBuffer buffer;
    private final ImageAssembler assembler;
    private final List<ModuleReceiver> receivers = new ArrayList<>();
    private final List<ModuleStatistics> moduleStats = new ArrayList<>();
    private final List<FramePool> pools = new ArrayList<>();
    private final long startedNanos = System.nanoTime();

    /**
     * @param bindAddress  address the module sockets bind to
     * @param bufferDir    directory of the buffer file when the definition names none
     * @param portOverride first UDP port to use instead of start_udp_port, or 0 (tests use free ports)
     */
    public DetectorRuntime(DetectorDefinition detector, String bindAddress, Path bufferDir, int portOverride,
            JungfrauConverter converter) throws IOException {
        this.detector = detector;
        Path dir = detector.settings().bufferDir() != null ? Path.of(detector.settings().bufferDir()) : bufferDir;
        this.buffer = ImageBuffer.create(dir.resolve("daqhub-" + detector.name() + ".buffer"), detector.name(),
                detector.settings().bufferSlots(), detector.imageHeight(), detector.imageWidth(),
                detector.imagePixelType().bytes(), detector.imagePixelType().code());
        this.assembler = new ImageAssembler(detector, buffer, new ModulePlacer(detector, converter));
        int firstPort = portOverride > 0 ? portOverride : detector.startUdpPort();
        try {
            for (int m = 0; m < detector.nModules(); m++) {
                FramePool pool = new FramePool(m, detector.settings().framePoolSize(), detector.packetsPerFrame(),
                        detector.type().payloadBytes());
                ModuleStatistics stats = new ModuleStatistics();
                FrameCollector collector = new FrameCollector(detector, m, pool, stats, assembler);
                receivers.add(new ModuleReceiver(detector.name() + "-module-" + m, bindAddress, firstPort + m,
                        detector.settings().receiveBufferBytes(), detector.settings().frameTimeoutMs(), collector));
                pools.add(pool);
                moduleStats.add(stats);
            }
        } catch (IOException e) {
            close();
            throw new IOException(detector.name() + ": cannot bind UDP port " + (firstPort + receivers.size()) + ": "
                    + e.getMessage(), e);
        }
    }

    public void start() {
        assembler.start();
        receivers.forEach(ModuleReceiver::start);
        LOG.info("Detector {} ({}, {} modules, {} x {} {}) receiving on UDP ports {}-{}; buffer {} ({} slots)",
                detector.name(), detector.type().id(), detector.nModules(), detector.imageWidth(),
                detector.imageHeight(), detector.imagePixelType().dtype(), receivers.get(0).port(),
                receivers.get(receivers.size() - 1).port(), buffer.file(), buffer.slots());
    }

    public void setSink(ImageSink sink) {
        assembler.setSink(sink);
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
        return assembler.statistics();
    }

    public List<ModuleStatistics> moduleStatistics() {
        return moduleStats;
    }

    /** Everything counted so far, for /detector/{name}/stats and the metrics. */
    public Map<String, Object> statistics() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("detector", detector.name());
        s.put("type", detector.type().id());
        s.put("udp_ports", udpPorts());
        double seconds = Math.max(1e-9, (System.nanoTime() - startedNanos) / 1e9);
        s.put("uptime_s", Math.round(seconds * 1000) / 1000.0);
        s.putAll(assembler.statistics().snapshot());
        long packets = 0;
        long bytes = 0;
        List<Map<String, Object>> modules = new ArrayList<>();
        for (int m = 0; m < moduleStats.size(); m++) {
            Map<String, Object> module = new LinkedHashMap<>();
            module.put("module", m);
            module.put("udp_port", receivers.get(m).port());
            Map<String, Long> counters = moduleStats.get(m).snapshot();
            module.putAll(counters);
            module.put("frame_buffers_free", pools.get(m).available());
            packets += counters.get("packets_received");
            bytes += counters.get("bytes_received");
            modules.add(module);
        }
        s.put("packets_received", packets);
        s.put("packets_lost", moduleStats.stream().mapToLong(ModuleStatistics::packetsLost).sum());
        s.put("packet_rate_avg", Math.round(packets / seconds));
        s.put("payload_bytes_per_s_avg", Math.round(bytes / seconds));
        s.put("buffer", Map.of("file", buffer.file().toString(), "slots", buffer.slots(),
                "image_bytes", buffer.imageBytes(),
                "filled", Math.min(buffer.slots(), assembler.statistics().imagesTotal())));
        s.put("modules", modules);
        return s;
    }

    @Override
    public void close() {
        receivers.forEach(ModuleReceiver::close);
        assembler.close();
        try {
            buffer.close();
        } catch (IOException e) {
            LOG.warn("{}: closing the buffer failed: {}", detector.name(), e.toString());
        }
    }
}
