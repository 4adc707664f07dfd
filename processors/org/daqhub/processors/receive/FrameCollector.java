package org.daqhub.processors.receive;

import java.nio.ByteBuffer;

import org.daqhub.processors.statistics.Counters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds one module's frames from its packets: the per-packet logic of a receiver, without the
 * socket, so it can be tested and benchmarked on its own.
 *
 * <p>Two consecutive frames may be open at once, so packets reordered across a frame boundary
 * still land. A frame is done when all its packets arrived, or incomplete when a frame two numbers
 * newer starts or its timeout passes; its missing packets are zeroed and counted. Frames leave in
 * frame order: a newer frame complete before the older one waits for it, so the images (and the
 * writer's files) stay in id order when packets are lost. Frames that never showed a single
 * packet are seen as gaps in the frame numbers and counted too. Packets of frames already done are
 * late; a frame number far behind the newest (or a packet 0 more than two frames behind), or far
 * ahead, is a detector restart once a second packet agrees; a lone one is a stray, ignored and
 * counted. Malformed packets are counted by reason and logged at a bounded rate.
 */
public final class FrameCollector {

    /** Receives every frame the collector finishes, complete or not. */
    public interface FrameSink {
        void frameDone(ModuleFrame frame);
    }

    static final long RESTART_GAP = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(FrameCollector.class);

    private final int module;
    private final int packetsPerFrame;
    private final int packetBytes;
    private final boolean imageIdFromBunchId;
    private final boolean validateModuleId;
    private final long frameTimeoutNanos;
    private final FramePool pool;
    private final Counters<ModuleCounter> stats;
    private final FrameSink sink;
    private final RateLimitedLog badPackets = new RateLimitedLog(LOG, 5000);

    private ModuleFrame older;
    private ModuleFrame newer;
    /** The newer frame is complete but waits for the older one to leave first. */
    private boolean newerHeld;
    private long highestSeen = -1;
    private long droppedFrame = -1;
    private boolean restarted;
    /** A packet far from the running frame numbers, until a second one confirms the jump (see {@link #hold}). */
    private ByteBuffer held;
    private long heldFrame;
    private boolean heldBehind;

    public FrameCollector(DetectorDefinition detector, int module, FramePool pool, Counters<ModuleCounter> stats,
            FrameSink sink) {
        this.module = module;
        this.packetsPerFrame = detector.packetsPerFrame();
        this.packetBytes = detector.type().packetBytes();
        this.imageIdFromBunchId = detector.type().imageIdFromBunchId();
        this.validateModuleId = detector.settings().validateModuleId();
        this.frameTimeoutNanos = detector.settings().frameTimeoutMs() * 1_000_000L;
        this.pool = pool;
        this.stats = stats;
        this.sink = sink;
    }

    /** One datagram of {@code length} bytes, header at index 0 of {@code packet}. */
    public void accept(ByteBuffer packet, int length, long nowNanos) {
        if (length != packetBytes) {
            if (length < packetBytes) {
                stats.increment(ModuleCounter.PACKETS_MALFORMED_SHORT);
            } else {
                stats.increment(ModuleCounter.PACKETS_MALFORMED_OVERSIZED);
            }
            badPackets.warn("Module {}: dropped a packet of {} bytes (expected {})", module, length, packetBytes);
            return;
        }
        long packetNumber = PacketHeader.packetNumber(packet);
        if (packetNumber >= packetsPerFrame) {
            stats.increment(ModuleCounter.PACKETS_MALFORMED_PACKET_NUMBER);
            badPackets.warn("Module {}: dropped a packet numbered {} (a frame has {})", module, packetNumber,
                    packetsPerFrame);
            return;
        }
        if (validateModuleId && PacketHeader.moduleId(packet) != module) {
            stats.increment(ModuleCounter.PACKETS_MALFORMED_MODULE_ID);
            badPackets.warn("Module {}: dropped a packet of module id {}", module, PacketHeader.moduleId(packet));
            return;
        }
        stats.increment(ModuleCounter.PACKETS_RECEIVED);
        stats.add(ModuleCounter.BYTES_RECEIVED, length);

        long frameNumber = PacketHeader.frameNumber(packet);
        if (held != null && Math.abs(frameNumber - heldFrame) <= 2) {
            // a second packet in the new range: the detector restarted (or resumed far ahead)
            LOG.warn("Module {}: frame number went from {} to {}: detector restart", module, highestSeen, heldFrame);
            stats.increment(ModuleCounter.DETECTOR_RESTARTS);
            flushAll();
            highestSeen = -1;
            restarted = true;
            ByteBuffer first = held;
            held = null;
            place(first, PacketHeader.frameNumber(first), (int) PacketHeader.packetNumber(first), nowNanos);
        } else if (isJump(frameNumber, packetNumber)) {
            hold(packet, length, frameNumber);
            return;
        } else if (held != null) {
            // the running sequence goes on: the held packet was a stray, not a restart
            countStray();
            held = null;
        }
        place(packet, frameNumber, (int) packetNumber, nowNanos);
    }

    /**
     * A packet far from the running frame numbers: a frame number far behind (or a packet 0 more
     * than two frames behind: the first packet of a restarted detector), or far ahead.
     */
    private boolean isJump(long frameNumber, long packetNumber) {
        if (highestSeen < 0) {
            return false;
        }
        if (frameNumber <= highestSeen) {
            long behind = highestSeen - frameNumber;
            return behind > RESTART_GAP || (behind > 2 && packetNumber == 0);
        }
        return frameNumber - highestSeen > RESTART_GAP;
    }

    /**
     * Keeps a copy of the packet until another one agrees: one stray packet (a late packet 0, a
     * corrupted frame number) must not end the running frames, invent an image or count a thousand
     * frames as lost. A new stray replaces an unconfirmed one.
     */
    private void hold(ByteBuffer packet, int length, long frameNumber) {
        if (held != null) {
            countStray();
        }
        held = ByteBuffer.allocate(length).order(packet.order()).put(0, packet, 0, length);
        heldFrame = frameNumber;
        heldBehind = frameNumber <= highestSeen;
    }

    private void countStray() {
        stats.increment(heldBehind ? ModuleCounter.PACKETS_STRAY_BEHIND : ModuleCounter.PACKETS_STRAY_AHEAD);
        badPackets.warn("Module {}: ignored a stray packet of frame {} (the frames are at {})", module, heldFrame,
                highestSeen);
    }

    private void place(ByteBuffer packet, long frameNumber, int packetNumber, long nowNanos) {
        ModuleFrame frame = open(frameNumber, packetNumber, packet, nowNanos);
        if (frame == null) {
            return;
        }
        if (!frame.add(packetNumber, packet)) {
            stats.increment(ModuleCounter.PACKETS_DUPLICATED);
            return;
        }
        if (frame.packets == packetsPerFrame) {
            finish(frame, false);
        }
    }

    /** Flushes frames whose first packet is older than the frame timeout. */
    public void flushExpired(long nowNanos) {
        // The older frame leaves first even when only the newer one expired, to keep the order.
        if (older != null && (expired(older, nowNanos) || newer != null && expired(newer, nowNanos))) {
            finish(older, true);
        }
        if (older != null && expired(older, nowNanos)) {
            finish(older, true);
        }
    }

    private boolean expired(ModuleFrame frame, long nowNanos) {
        return nowNanos - frame.firstPacketNanos > frameTimeoutNanos;
    }

    /** Flushes whatever is open (on stop). */
    public void flushAll() {
        while (older != null) {
            finish(older, true); // the newer frame, if any, becomes the older one
        }
    }

    private ModuleFrame open(long frameNumber, int packetNumber, ByteBuffer packet, long nowNanos) {
        if (older != null && older.frameNumber == frameNumber) {
            return older;
        }
        if (newer != null && newer.frameNumber == frameNumber) {
            return newer;
        }
        if (frameNumber == droppedFrame) {
            return null;
        }
        if (highestSeen >= 0 && frameNumber <= highestSeen) {
            stats.increment(ModuleCounter.PACKETS_LATE); // jumps far behind were taken as restarts before this
            return null;
        }
        if (highestSeen >= 0 && frameNumber > highestSeen + 1) {
            // Frames in between never showed a packet: every one of their packets is lost.
            long gap = Math.min(frameNumber - highestSeen - 1, RESTART_GAP);
            stats.add(ModuleCounter.PACKETS_LOST, gap * packetsPerFrame);
            stats.add(ModuleCounter.FRAMES_INCOMPLETE, gap);
        }
        highestSeen = frameNumber;
        // One frame of slack for packets reordered across a frame boundary; anything older is done.
        while (older != null && older.frameNumber < frameNumber - 1) {
            finish(older, true);
        }
        if (older != null && newer != null) {
            finish(older, true);
        }
        ModuleFrame frame = pool.acquire();
        if (frame == null) {
            droppedFrame = frameNumber;
            stats.increment(ModuleCounter.FRAMES_DROPPED_NO_BUFFER);
            stats.add(ModuleCounter.PACKETS_LOST, packetsPerFrame);
            badPackets.warn("Module {}: no free frame buffer (image assembly is behind); frame {} dropped", module,
                    frameNumber);
            return null;
        }
        long imageId = imageIdFromBunchId ? PacketHeader.bunchId(packet) : frameNumber;
        frame.reset(frameNumber, imageId, PacketHeader.timestamp(packet), nowNanos);
        frame.afterRestart = restarted;
        restarted = false;
        if (older == null) {
            older = frame;
        } else {
            newer = frame;
        }
        return frame;
    }

    private void finish(ModuleFrame frame, boolean incomplete) {
        if (frame == newer && older != null) {
            newerHeld = true; // complete (only the older frame is ever flushed incomplete while both are open)
            return;
        }
        boolean releaseHeld = false;
        if (frame == older) {
            older = newer;
            newer = null;
            releaseHeld = newerHeld;
            newerHeld = false;
        }
        int missing = 0;
        if (incomplete && frame.packets < packetsPerFrame) {
            missing = frame.zeroMissing(packetsPerFrame);
            stats.add(ModuleCounter.PACKETS_LOST, missing);
            stats.increment(ModuleCounter.FRAMES_INCOMPLETE);
        } else {
            stats.increment(ModuleCounter.FRAMES_COMPLETE);
        }
        frame.missingPackets = missing;
        sink.frameDone(frame);
        if (releaseHeld) {
            finish(older, false);
        }
    }

    public Counters<ModuleCounter> statistics() {
        return stats;
    }
}
