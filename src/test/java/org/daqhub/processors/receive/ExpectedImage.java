package org.daqhub.processors.receive;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.daqhub.tools.simulator.PixelPattern;

/**
 * The image the simulator's pattern should assemble to, computed independently of
 * {@link ModulePlacer}: module pixel by module pixel, through the geometry as std_daq defines it.
 */
public final class ExpectedImage {

    private ExpectedImage() {
    }

    public static long[] of(DetectorDefinition d, long imageId, boolean[] modulesPresent) {
        long[] image = new long[d.imageHeight() * d.imageWidth()];
        DetectorType t = d.type();
        for (ModulePosition p : d.modules()) {
            if (modulesPresent != null && !modulesPresent[p.index()]) {
                continue;
            }
            for (int r = 0; r < t.moduleHeight(); r++) {
                for (int c = 0; c < t.moduleWidth(); c++) {
                    int spanX = c + (c / t.chipWidth()) * t.chipGap();
                    int x = p.mirroredX() ? p.x0() - spanX : p.x0() + spanX;
                    int y = p.mirroredY() ? p.y0() - r : p.y0() + r;
                    image[y * d.imageWidth() + x] = PixelPattern.value(d, imageId, p.index(), r, c);
                }
            }
        }
        return image;
    }

    public static long[] read(ByteBuffer pixels, int bytesPerPixel) {
        ByteBuffer b = pixels.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[b.remaining() / bytesPerPixel];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (bytesPerPixel) {
                case 1 -> b.get(i) & 0xFFL;
                case 2 -> b.getShort(i * 2) & 0xFFFFL;
                default -> b.getInt(i * 4) & 0xFFFFFFFFL;
            };
        }
        return out;
    }

    /** Index of the first differing pixel, or -1. */
    public static int firstDifference(long[] expected, long[] actual) {
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                return i;
            }
        }
        return expected.length == actual.length ? -1 : expected.length;
    }
}
