package org.daqhub.processors.receive;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.ImageStatus;
import org.daqhub.processors.buffer.SlotMetadata;
import org.daqhub.processors.stage.Stage;
import org.daqhub.processors.statistics.Counters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synchronises the modules' frames by image id and assembles each image into its buffer slot, on
 * one thread fed by the receivers. An image is assembled when every module's frame arrived, or
 * incomplete when it waited longer than the image timeout, when more images than the sync queue
 * size are waiting (oldest first), or when an image that started waiting after it completes (a
 * module's frame for it was lost); missing modules are zeroed. Images thus leave in order. A frame
 * for an image already assembled is late and counted. After the slot is published the sink gets
 * the metadata.
 */
public final class ImageAssembler implements FrameCollector.FrameSink, Runnable, Stage {

    private static final Logger LOG = LoggerFactory.getLogger(ImageAssembler.class);
    private static final int RECENT_IDS = 4096;

    private final DetectorDefinition detector;
    private final ImageBuffer buffer;
    private final ModulePlacer placer;
    /** The frames of the image being assembled, by module (scratch, reused). */
    private final ByteBuffer[] frameData;
    private final ImageStatistics stats = new ImageStatistics();
    /** Lock-free, for the same reason as {@link FramePool}; bounded by the frame pools. */
    private final ConcurrentLinkedQueue<ModuleFrame> inbox = new ConcurrentLinkedQueue<>();
    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private final Set<Long> recent = new HashSet<>();
    private final ArrayDeque<Long> recentOrder = new ArrayDeque<>();
    private final long imageTimeoutNanos;
    private volatile ImageSink sink;
    private volatile boolean running = true;
    private volatile Thread thread;

    private final class Pending {
        final long imageId;
        final ModuleFrame[] frames = new ModuleFrame[detector.nModules()];
        final long createdNanos;
        int count;

        Pending(long imageId, long createdNanos) {
            this.imageId = imageId;
            this.createdNanos = createdNanos;
        }
    }

    public ImageAssembler(DetectorDefinition detector, ImageBuffer buffer, ModulePlacer placer) {
        this.detector = detector;
        this.buffer = buffer;
        this.placer = placer;
        this.frameData = new ByteBuffer[detector.nModules()];
        this.imageTimeoutNanos = detector.settings().imageTimeoutMs() * 1_000_000L;
    }

    public void setSink(ImageSink sink) {
        this.sink = sink;
    }

    @Override
    public Counters<ImageCounter> statistics() {
        return stats.counters;
    }

    /** The images assembled, with the id of the last. */
    public ImageStatistics images() {
        return stats;
    }

    public void start() {
        thread = new Thread(this, detector.name() + "-assembler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Called by receiver threads; never blocks. */
    @Override
    public void frameDone(ModuleFrame frame) {
        inbox.offer(frame);
        Thread assembler = thread;
        if (assembler != null) {
            LockSupport.unpark(assembler);
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                for (ModuleFrame frame = inbox.poll(); frame != null; frame = inbox.poll()) {
                    accept(frame);
                }
                flushExpired(System.nanoTime());
                if (inbox.isEmpty()) {
                    // Woken early by frameDone; the timeout bounds how late an image timeout is seen.
                    LockSupport.parkNanos(this, 5_000_000);
                }
                if (Thread.interrupted()) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("{}: unexpected error in image assembly", detector.name(), e);
            }
        }
    }

    /** One finished module frame (public for tests and benchmarks that drive it without threads). */
    public void accept(ModuleFrame frame) {
        long id = frame.imageId();
        if (frame.afterRestart()) {
            // The detector restarted: its image ids start over, so earlier ids are not late any more.
            // Images still waiting from before the restart complete by timeout as usual.
            LOG.info("{}: module {} restarted; earlier image ids are forgotten", detector.name(), frame.module());
            recent.clear();
            recentOrder.clear();
        }
        if (recent.contains(id)) {
            stats.counters.increment(ImageCounter.FRAMES_LATE);
            frame.release();
            return;
        }
        Pending p = pending.get(id);
        if (p == null) {
            if (pending.size() >= detector.settings().syncQueueSize()) {
                assemble(pending.values().iterator().next());
            }
            p = new Pending(id, System.nanoTime());
            pending.put(id, p);
        }
        if (p.frames[frame.module()] != null) {
            stats.counters.increment(ImageCounter.FRAMES_DUPLICATED);
            frame.release();
            return;
        }
        p.frames[frame.module()] = frame;
        if (++p.count == detector.nModules()) {
            flushWaitingBefore(p);
            assemble(p);
        }
    }

    /**
     * Images that started waiting before {@code complete} can no longer complete: every module has
     * sent this image's frame, and a module's frames come in order (see {@link FrameCollector}), so
     * the frames they miss were lost. Assembled incomplete now, before it, so images leave in order
     * and without waiting for the image timeout.
     */
    private void flushWaitingBefore(Pending complete) {
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p == complete) {
                return;
            }
            it.remove();
            assembleRemoved(p);
        }
    }

    public void flushExpired(long nowNanos) {
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (nowNanos - p.createdNanos <= imageTimeoutNanos) {
                break; // insertion order: the rest are younger
            }
            it.remove();
            assembleRemoved(p);
        }
    }

    private void assemble(Pending p) {
        pending.remove(p.imageId);
        assembleRemoved(p);
    }

    private void assembleRemoved(Pending p) {
        int slot = buffer.slotOf(p.imageId);
        buffer.beginWrite(slot);
        var pixels = buffer.pixels(slot);
        int missingPackets = 0;
        long frameNumber = -1;
        long detectorTimestamp = 0;
        long firstPacket = Long.MAX_VALUE;
        boolean mismatch = false;
        for (int m = 0; m < p.frames.length; m++) {
            ModuleFrame f = p.frames[m];
            frameData[m] = f == null ? null : f.data();
        }
        placer.placeAll(frameData, pixels);
        for (int m = 0; m < p.frames.length; m++) {
            ModuleFrame f = p.frames[m];
            if (f == null) {
                missingPackets += detector.packetsPerFrame();
                continue;
            }
            missingPackets += f.missingPackets();
            if (frameNumber < 0) {
                frameNumber = f.frameNumber();
                detectorTimestamp = f.detectorTimestamp();
            } else if (f.frameNumber() != frameNumber && detector.type().imageIdFromBunchId()) {
                mismatch = true;
            }
            firstPacket = Math.min(firstPacket, f.firstPacketNanos());
        }
        ImageStatus status = mismatch ? ImageStatus.ID_MISMATCH
                : missingPackets > 0 ? ImageStatus.MISSING_PACKETS : ImageStatus.GOOD;
        long now = System.nanoTime();
        SlotMetadata meta = new SlotMetadata(p.imageId, frameNumber, status, p.count, missingPackets,
                detectorTimestamp, WallClock.epochNanos(firstPacket == Long.MAX_VALUE ? now : firstPacket),
                WallClock.epochNanos(now));
        buffer.endWrite(slot, meta);
        for (ModuleFrame f : p.frames) {
            if (f != null) {
                f.release();
            }
        }
        count(status, p.count < detector.nModules());
        remember(p.imageId);
        stats.lastImageId = p.imageId;
        deliver(new ImageMetadata(detector.name(), p.imageId, frameNumber, detector.imageHeight(),
                detector.imageWidth(), detector.imagePixelType().dtype(), status, slot, p.count, detector.nModules(),
                missingPackets, detectorTimestamp, meta.firstPacketNanos(), meta.assembledNanos()));
    }

    private void count(ImageStatus status, boolean modulesMissing) {
        switch (status) {
            case GOOD -> stats.counters.increment(ImageCounter.IMAGES_GOOD);
            case ID_MISMATCH -> stats.counters.increment(ImageCounter.IMAGES_ID_MISMATCH);
            default -> stats.counters.increment(ImageCounter.IMAGES_MISSING_PACKETS);
        }
        if (modulesMissing) {
            stats.counters.increment(ImageCounter.IMAGES_WITH_MODULES_MISSING);
        }
    }

    private void deliver(ImageMetadata image) {
        ImageSink target = sink;
        if (target == null) {
            stats.counters.increment(ImageCounter.IMAGES_NOT_DELIVERED);
            return;
        }
        try {
            target.onImage(image);
        } catch (RuntimeException e) {
            stats.counters.increment(ImageCounter.IMAGES_NOT_DELIVERED);
            LOG.error("{}: delivering image {} failed: {}", detector.name(), image.imageId(), e.toString());
        }
    }

    private void remember(long imageId) {
        recent.add(imageId);
        recentOrder.add(imageId);
        if (recentOrder.size() > RECENT_IDS) {
            recent.remove(recentOrder.poll());
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
