package org.daqhub.tools.simulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.daqhub.processors.receive.DetectorDefinition;

/**
 * The simulator's pixel values, checkable by anyone who knows the image id: the value of module
 * pixel (row, col) of module m in image i is {@code (17 * (i % 16) + 1031 * m + 7 * row + col) & mask},
 * where mask keeps the bit depth (Jungfrau: 14 ADC bits, gain bits 0). Sixteen frames per module
 * are prepared once, so sending costs no per-pixel work.
 */
public final class PixelPattern {

    public static final int VARIANTS = 16;

    private PixelPattern() {
    }

    public static long mask(DetectorDefinition d) {
        return d.type().isJungfrau() ? 0x3FFF : (d.bitDepth() == 32 ? 0xFFFFFFFFL : (1L << d.bitDepth()) - 1);
    }

    /** Value of a module pixel, in module coordinates (row, col as the detector sends them). */
    public static long value(DetectorDefinition d, long imageId, int module, int row, int col) {
        return (17L * Math.floorMod(imageId, VARIANTS) + 1031L * module + 7L * row + col) & mask(d);
    }

    /** The packed frame bytes a module sends for an image id (little-endian, row-major). */
    public static ByteBuffer frame(DetectorDefinition d, long imageId, int module) {
        int width = d.type().moduleWidth();
        int height = d.type().moduleHeight();
        ByteBuffer frame = ByteBuffer.allocate(d.frameBytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                long v = value(d, imageId, module, r, c);
                int pixel = r * width + c;
                switch (d.bitDepth()) {
                    case 4 -> {
                        int at = pixel >>> 1;
                        int b = frame.get(at) & 0xFF;
                        frame.put(at, (byte) ((pixel & 1) == 0 ? (b & 0xF0) | (int) v : (b & 0x0F) | ((int) v << 4)));
                    }
                    case 8 -> frame.put(pixel, (byte) v);
                    case 16 -> frame.putShort(pixel * 2, (short) v);
                    default -> frame.putInt(pixel * 4, (int) v);
                }
            }
        }
        return frame;
    }
}
