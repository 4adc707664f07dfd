package org.daqhub.processors.receive;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The frames of one module in flight between its receiver and the image assembler. A fixed pool:
 * when the assembler falls behind, the receiver finds no free frame and counts the frame as lost
 * instead of allocating without bound.
 *
 * <p>Lock-free on purpose: with a lock, an assembler thread preempted while releasing a frame
 * would keep the receiver waiting for a scheduler slice, while its socket buffer fills.
 */
public final class FramePool {

    private final ConcurrentLinkedQueue<ModuleFrame> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger available = new AtomicInteger();

    public FramePool(int module, int size, int packetsPerFrame, int payloadBytes) {
        for (int i = 0; i < size; i++) {
            release(new ModuleFrame(module, packetsPerFrame, payloadBytes, this));
        }
    }

    /** A free frame, or null if all are in flight. */
    ModuleFrame acquire() {
        ModuleFrame frame = free.poll();
        if (frame != null) {
            available.decrementAndGet();
        }
        return frame;
    }

    void release(ModuleFrame frame) {
        free.offer(frame);
        available.incrementAndGet();
    }

    public int available() {
        return available.get();
    }
}
