package org.daqhub.processors.detector;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * The frames of one module in flight between its receiver and the image assembler. A fixed pool:
 * when the assembler falls behind, the receiver finds no free frame and counts the frame as lost
 * instead of allocating without bound.
 */
public final class FramePool {

    private final ArrayBlockingQueue<ModuleFrame> free;

    public FramePool(int module, int size, int packetsPerFrame, int payloadBytes) {
        free = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            free.add(new ModuleFrame(module, packetsPerFrame, payloadBytes, this));
        }
    }

    /** A free frame, or null if all are in flight. */
    ModuleFrame acquire() {
        return free.poll();
    }

    void release(ModuleFrame frame) {
        free.offer(frame);
    }

    public int available() {
        return free.size();
    }
}
