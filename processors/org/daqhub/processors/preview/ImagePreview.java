package org.daqhub.processors.preview;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.daqhub.processors.receive.PixelType;

/**
 * One assembled image scaled down for a person to look at: each preview pixel is the mean of a
 * {@code bin x bin} block of image pixels (blocks at the right and bottom edges may be smaller).
 * The cost is one pass over the image, whatever the preview size, so a 1024 x 1024 image costs a
 * few milliseconds; the console's colour map, histogram and cursor read-out work on these values
 * in the browser. Means rather than maxima: a preview shows the picture, not single hot pixels.
 *
 * @param width  preview width in pixels
 * @param height preview height in pixels
 * @param bin    image pixels per preview pixel along each side (1: the image itself)
 * @param values row-major means, {@code width * height} of them
 * @param min    smallest value (0 for an empty image)
 * @param max    largest value (0 for an empty image)
 */
public record ImagePreview(int width, int height, int bin, float[] values, float min, float max) {

    /**
     * Scales {@code pixels} (little-endian, of {@code type}, row-major, {@code imageHeight x
     * imageWidth}) so that neither side exceeds {@code maxSide}.
     */
    public static ImagePreview of(ByteBuffer pixels, PixelType type, int imageHeight, int imageWidth, int maxSide) {
        int bytesPerPixel = type.bytes();
        if (maxSide < 1) {
            throw new IllegalArgumentException("the preview's largest side must be at least 1, not " + maxSide);
        }
        int bin = Math.max(1, Math.max(ceilDiv(imageHeight, maxSide), ceilDiv(imageWidth, maxSide)));
        int width = ceilDiv(imageWidth, bin);
        int height = ceilDiv(imageHeight, bin);
        ByteBuffer in = pixels.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int base = in.position();
        double[] sums = new double[width];
        float[] values = new float[width * height];
        for (int py = 0; py < height; py++) {
            java.util.Arrays.fill(sums, 0);
            int rowEnd = Math.min(imageHeight, (py + 1) * bin);
            for (int y = py * bin; y < rowEnd; y++) {
                int at = base + y * imageWidth * bytesPerPixel;
                for (int px = 0; px < width; px++) {
                    double sum = 0;
                    for (int x = px * bin, end = Math.min(imageWidth, x + bin); x < end; x++) {
                        sum += pixel(in, at + x * bytesPerPixel, type);
                    }
                    sums[px] += sum;
                }
            }
            int rows = rowEnd - py * bin;
            for (int px = 0; px < width; px++) {
                int cols = Math.min(imageWidth, (px + 1) * bin) - px * bin;
                values[py * width + px] = (float) (sums[px] / ((long) rows * cols));
            }
        }
        float min = values.length == 0 ? 0 : Float.MAX_VALUE;
        float max = values.length == 0 ? 0 : -Float.MAX_VALUE;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new ImagePreview(width, height, bin, values, min, max);
    }

    /** The values as little-endian 32-bit floats, row-major: what the console's canvas reads. */
    public byte[] littleEndianFloats() {
        ByteBuffer out = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.asFloatBuffer().put(values);
        return out.array();
    }

    private static double pixel(ByteBuffer in, int at, PixelType type) {
        return switch (type) {
            case UINT8 -> in.get(at) & 0xFF;
            case UINT16 -> in.getShort(at) & 0xFFFF;
            case UINT32 -> in.getInt(at) & 0xFFFFFFFFL;
            case FLOAT32 -> in.getFloat(at);
        };
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
