package org.daqhub.bench;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.ImageStatus;
import org.daqhub.processors.buffer.SlotMetadata;

/**
 * Images with detector-like noise (a pedestal near 1000 ADU, sigma 30) for the writer benchmarks,
 * so compression ratios are realistic, not those of a test pattern; the same seed every run.
 */
final class NoiseImages {

    static final int HEIGHT = 1024;
    static final int WIDTH = 1024;

    private NoiseImages() {
    }

    /** Fills slots 0 to {@code slots - 1} of a uint16 buffer of HEIGHT x WIDTH, image id = slot. */
    static void fill(ImageBuffer buffer, int slots) {
        SplittableRandom random = new SplittableRandom(7);
        for (int slot = 0; slot < slots; slot++) {
            buffer.beginWrite(slot);
            ByteBuffer px = buffer.pixels(slot);
            for (int i = 0; i < HEIGHT * WIDTH; i++) {
                double gauss = random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5; // sigma 0.5
                px.putShort(i * 2, (short) (1000 + 60 * gauss));
            }
            buffer.endWrite(slot, new SlotMetadata(slot, slot, ImageStatus.GOOD, 2, 0, slot, 1, 2));
        }
    }
}
