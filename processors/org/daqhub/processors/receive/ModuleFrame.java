package org.daqhub.processors.receive;

import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * One module's frame as it is being received: the payloads in packet order, which packets came,
 * and the header values that identify it. Pooled per module (see {@link FramePool}): the receiver
 * fills it, the image assembler places it and gives it back.
 */
public final class ModuleFrame {

    private final int module;
    private final ByteBuffer data;
    private final BitSet received;
    private final int payloadBytes;
    private final FramePool pool;
    long frameNumber;
    long imageId;
    long detectorTimestamp;
    long firstPacketNanos;
    int packets;
    int missingPackets;
    boolean afterRestart;

    ModuleFrame(int module, int packetsPerFrame, int payloadBytes, FramePool pool) {
        this.module = module;
        this.payloadBytes = payloadBytes;
        this.data = ByteBuffer.allocateDirect(packetsPerFrame * payloadBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        this.received = new BitSet(packetsPerFrame);
        this.pool = pool;
    }

    void reset(long frameNumber, long imageId, long detectorTimestamp, long nowNanos) {
        this.frameNumber = frameNumber;
        this.imageId = imageId;
        this.detectorTimestamp = detectorTimestamp;
        this.firstPacketNanos = nowNanos;
        this.packets = 0;
        this.missingPackets = 0;
        this.afterRestart = false;
        received.clear();
    }

    /** Copies one packet's payload into place. Returns false for a duplicate (nothing copied). */
    boolean add(int packetNumber, ByteBuffer packet) {
        if (received.get(packetNumber)) {
            return false;
        }
        received.set(packetNumber);
        packets++;
        data.put(packetNumber * payloadBytes, packet, PacketHeader.VERSION + 1, payloadBytes);
        return true;
    }

    /** Zeroes the payload of every packet that did not arrive, so no stale pixels survive. */
    int zeroMissing(int packetsPerFrame) {
        int missing = 0;
        for (int p = received.nextClearBit(0); p < packetsPerFrame; p = received.nextClearBit(p + 1)) {
            for (int i = p * payloadBytes, end = i + payloadBytes; i < end; i += 8) {
                data.putLong(i, 0L);
            }
            missing++;
        }
        return missing;
    }

    public int module() {
        return module;
    }

    public ByteBuffer data() {
        return data;
    }

    public long frameNumber() {
        return frameNumber;
    }

    public long imageId() {
        return imageId;
    }

    public long detectorTimestamp() {
        return detectorTimestamp;
    }

    public long firstPacketNanos() {
        return firstPacketNanos;
    }

    public int packets() {
        return packets;
    }

    /** Packets of this frame that never arrived (their payload is zero). */
    public int missingPackets() {
        return missingPackets;
    }

    /** The first frame of its module after a detector restart (image ids may repeat from here). */
    public boolean afterRestart() {
        return afterRestart;
    }

    /** Back to the receiver's pool once the image assembler has placed it. */
    public void release() {
        pool.release(this);
    }
}
