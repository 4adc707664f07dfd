package org.daqhub.processors.receive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Jungfrau pedestal and gain correction: a raw pixel is 2 gain bits and 14 ADC bits; gain bits
 * 0, 1 and 3 select gain stage 0, 1 and 2 (2 is invalid and gives NaN), and the value is
 * {@code (adc - pedestal[stage][pixel]) * gain[stage][pixel]}.
 *
 * <p>Calibration files are raw little-endian float32 arrays of shape
 * {@code [n_modules][3][512][1024]} (module, gain stage, module row, module column), one for
 * pedestals and one for gains. Without files the identity calibration applies (pedestal 0,
 * gain 1), so a converted image holds the ADC values.
 */
public final class JungfrauConverter {

    private static final int STAGES = 3;
    private static final int[] STAGE_OF_GAIN_BITS = {0, 1, -1, 2};

    private final int pixelsPerModule;
    // Indexed by the raw gain bits (0..3) rather than the stage, so the hot loop has no branch:
    // [module][gainBits * pixels + pixel]; gain bits 2 (invalid) have gain NaN.
    private final float[][] pedestal;
    private final float[][] gain;

    private JungfrauConverter(int modules, int pixelsPerModule, float[][] pedestalByStage, float[][] gainByStage) {
        this.pixelsPerModule = pixelsPerModule;
        this.pedestal = new float[modules][4 * pixelsPerModule];
        this.gain = new float[modules][4 * pixelsPerModule];
        for (int m = 0; m < modules; m++) {
            for (int bits = 0; bits < 4; bits++) {
                int stage = STAGE_OF_GAIN_BITS[bits];
                if (stage < 0) {
                    java.util.Arrays.fill(gain[m], bits * pixelsPerModule, (bits + 1) * pixelsPerModule, Float.NaN);
                    continue;
                }
                System.arraycopy(pedestalByStage[m], stage * pixelsPerModule, pedestal[m], bits * pixelsPerModule,
                        pixelsPerModule);
                System.arraycopy(gainByStage[m], stage * pixelsPerModule, gain[m], bits * pixelsPerModule,
                        pixelsPerModule);
            }
        }
    }

    public static JungfrauConverter identity(int modules, int pixelsPerModule) {
        float[][] p = new float[modules][STAGES * pixelsPerModule];
        float[][] g = new float[modules][STAGES * pixelsPerModule];
        for (float[] m : g) {
            java.util.Arrays.fill(m, 1f);
        }
        return new JungfrauConverter(modules, pixelsPerModule, p, g);
    }

    public static JungfrauConverter fromFiles(int modules, int pixelsPerModule, Path pedestalFile, Path gainFile)
            throws IOException {
        return new JungfrauConverter(modules, pixelsPerModule, read(pedestalFile, modules, pixelsPerModule),
                read(gainFile, modules, pixelsPerModule));
    }

    public float convert(int module, int pixel, short raw) {
        int i = ((raw >>> 14) & 3) * pixelsPerModule + pixel;
        return ((raw & 0x3FFF) - pedestal[module][i]) * gain[module][i];
    }

    /** Converts {@code n} consecutive raw pixels of a module, starting at module pixel {@code first}. */
    public void convert(int module, int first, short[] raw, float[] out, int n) {
        float[] p = pedestal[module];
        float[] g = gain[module];
        int gainBits = 0;
        for (int k = 0; k < n; k++) {
            gainBits |= raw[k];
        }
        if ((gainBits & 0xC000) == 0) {
            // The common case, a run of pixels all in gain stage 0: a straight loop the JIT vectorises.
            for (int k = 0; k < n; k++) {
                out[k] = (raw[k] - p[first + k]) * g[first + k];
            }
            return;
        }
        int pixels = pixelsPerModule;
        for (int k = 0; k < n; k++) {
            int r = raw[k];
            int i = ((r >>> 14) & 3) * pixels + first + k;
            out[k] = ((r & 0x3FFF) - p[i]) * g[i];
        }
    }

    private static float[][] read(Path file, int modules, int pixelsPerModule) throws IOException {
        long expected = 4L * modules * STAGES * pixelsPerModule;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() != expected) {
                throw new IOException(file + " has " + channel.size() + " bytes; a calibration for " + modules
                        + " modules is " + expected + " bytes (float32 [modules][3][512][1024])");
            }
            float[][] out = new float[modules][STAGES * pixelsPerModule];
            ByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, expected).order(ByteOrder.LITTLE_ENDIAN);
            for (int m = 0; m < modules; m++) {
                buffer.asFloatBuffer().position(m * STAGES * pixelsPerModule).get(out[m]);
            }
            return out;
        }
    }
}
