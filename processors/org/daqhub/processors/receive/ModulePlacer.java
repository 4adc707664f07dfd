package org.daqhub.processors.receive;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Places module frames into an assembled image by the detector's geometry: each module row goes to
 * its image row (bottom-up for modules mirrored in y), split into chips with the gap pixels
 * between them left empty (Eiger), reversed pixel by pixel for modules mirrored in x. Rows that
 * need no reversal are one bulk copy per chip (worked out once, as a {@link CopyPlan}); 4-bit Eiger
 * pixels are unpacked to one byte each. With a {@link JungfrauConverter} the raw pixels are
 * converted to float32 on the way.
 */
public final class ModulePlacer {

    private final DetectorDefinition detector;
    private final int imageWidth;
    private final int moduleWidth;
    private final int moduleHeight;
    private final int chipWidth;
    private final int chipGap;
    private final int chips;
    private final int rawBytes;
    private final int outBytes;
    private final boolean packed4;
    private final JungfrauConverter converter;
    private final short[] rawRow;
    private final float[] convertedRow;
    private final int[][] modulesAtRow;
    private final CopyPlan copyPlan;

    public ModulePlacer(DetectorDefinition detector, JungfrauConverter converter) {
        this.detector = detector;
        DetectorType type = detector.type();
        this.imageWidth = detector.imageWidth();
        this.moduleWidth = type.moduleWidth();
        this.moduleHeight = type.moduleHeight();
        this.chipWidth = type.chipWidth();
        this.chipGap = type.chipGap();
        this.chips = moduleWidth / chipWidth;
        this.rawBytes = detector.rawPixelType().bytes();
        this.outBytes = detector.imagePixelType().bytes();
        this.packed4 = detector.bitDepth() == 4;
        this.converter = converter;
        this.rawRow = new short[chipWidth];
        this.convertedRow = new float[chipWidth];
        this.modulesAtRow = modulesAtRow(detector);
        this.copyPlan = copyPlan();
    }

    /**
     * Assembles a whole image: {@code frames[m]} is module m's frame, or null for a module whose
     * frame never came (its span is zeroed). Image rows are written in ascending order, each with
     * the pieces of every module that crosses it: the writes then stream through the image as one
     * bulk copy's would. Placed module by module, each module's rows would be strided through the
     * whole image, and into a cold image buffer slot that ran at a third of a bulk copy's speed.
     * Not thread-safe (scratch rows): one placer per assembling thread.
     */
    public void placeAll(ByteBuffer[] frames, ByteBuffer image) {
        if (copyPlan != null && allPresent(frames)) {
            copyPlan.run(frames, image);
            return;
        }
        ShortBuffer[] rawPixels = new ShortBuffer[frames.length];
        FloatBuffer floatPixels = null;
        if (converter != null) {
            floatPixels = image.duplicate().clear().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            for (int m = 0; m < frames.length; m++) {
                rawPixels[m] = frames[m] == null ? null
                        : frames[m].duplicate().clear().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
            }
        }
        for (int y = 0; y < modulesAtRow.length; y++) {
            for (int m : modulesAtRow[y]) {
                ModulePosition p = detector.modules().get(m);
                int i = y - p.yMin();
                ByteBuffer frame = frames[m];
                if (frame == null) {
                    zeroRow(p, y, image);
                    continue;
                }
                placeRow(m, p, frame, p.mirroredY() ? moduleHeight - 1 - i : i, y, image, rawPixels[m], floatPixels);
            }
        }
    }

    /** Row {@code r} of a module's frame into image row {@code dstRow}, chip by chip. */
    private void placeRow(int module, ModulePosition p, ByteBuffer frame, int r, int dstRow, ByteBuffer image,
            ShortBuffer rawPixels, FloatBuffer floatPixels) {
        for (int c = 0; c < chips; c++) {
            int srcPixel = r * moduleWidth + c * chipWidth;
            int chipStart = c * (chipWidth + chipGap);
            if (converter != null) {
                convertChip(module, rawPixels, floatPixels, p, dstRow, srcPixel, chipStart);
            } else if (!p.mirroredX() && !packed4) {
                int dst = (dstRow * imageWidth + p.xMin() + chipStart) * outBytes;
                image.put(dst, frame, srcPixel * rawBytes, chipWidth * rawBytes);
            } else {
                copyChipPixelwise(frame, image, p, dstRow, srcPixel, chipStart);
            }
        }
    }

    /** Zeroes a module's span in one image row, so no pixels of an older image remain there. */
    private void zeroRow(ModulePosition p, int y, ByteBuffer image) {
        int rowBytes = p.spanWidth() * outBytes;
        int start = (y * imageWidth + p.xMin()) * outBytes;
        int i = 0;
        for (; i + 8 <= rowBytes; i += 8) {
            image.putLong(start + i, 0L);
        }
        for (; i < rowBytes; i++) {
            image.put(start + i, (byte) 0);
        }
    }

    private static boolean allPresent(ByteBuffer[] frames) {
        for (ByteBuffer f : frames) {
            if (f == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * The copies of {@link #placeAll} worked out once, when every piece is a plain copy (no
     * conversion, no unpacking, no module mirrored in x): the loop per image is then only copies.
     */
    private CopyPlan copyPlan() {
        if (converter != null || packed4 || detector.modules().stream().anyMatch(ModulePosition::mirroredX)) {
            return null;
        }
        CopyPlan plan = new CopyPlan();
        for (int y = 0; y < modulesAtRow.length; y++) {
            for (int m : modulesAtRow[y]) {
                ModulePosition p = detector.modules().get(m);
                int i = y - p.yMin();
                int r = p.mirroredY() ? moduleHeight - 1 - i : i;
                for (int c = 0; c < chips; c++) {
                    plan.add(m, (r * moduleWidth + c * chipWidth) * rawBytes,
                            (y * imageWidth + p.xMin() + c * (chipWidth + chipGap)) * outBytes, chipWidth * rawBytes);
                }
            }
        }
        return plan;
    }

    /** For each image row, the modules that cross it, left to right. */
    private static int[][] modulesAtRow(DetectorDefinition detector) {
        List<ModulePosition> byX = new ArrayList<>(detector.modules());
        byX.sort(Comparator.comparingInt(ModulePosition::xMin));
        int[][] rows = new int[detector.imageHeight()][];
        for (int y = 0; y < rows.length; y++) {
            int row = y;
            rows[y] = byX.stream().filter(p -> p.yMin() <= row && row <= p.yMax())
                    .mapToInt(ModulePosition::index).toArray();
        }
        return rows;
    }

    private void copyChipPixelwise(ByteBuffer frame, ByteBuffer image, ModulePosition p, int dstRow, int srcPixel,
            int chipStart) {
        for (int k = 0; k < chipWidth; k++) {
            int x = p.mirroredX() ? p.xMax() - (chipStart + k) : p.xMin() + chipStart + k;
            int dst = (dstRow * imageWidth + x) * outBytes;
            int src = srcPixel + k;
            if (packed4) {
                int b = frame.get(src >>> 1) & 0xFF;
                image.put(dst, (byte) ((src & 1) == 0 ? b & 0x0F : b >>> 4));
            } else {
                switch (rawBytes) {
                    case 1 -> image.put(dst, frame.get(src));
                    case 2 -> image.putShort(dst, frame.getShort(src * 2));
                    default -> image.putInt(dst, frame.getInt(src * 4));
                }
            }
        }
    }

    private void convertChip(int module, ShortBuffer frame, FloatBuffer image, ModulePosition p, int dstRow,
            int srcPixel, int chipStart) {
        frame.get(srcPixel, rawRow, 0, chipWidth);
        converter.convert(module, srcPixel, rawRow, convertedRow, chipWidth);
        if (!p.mirroredX()) {
            image.put(dstRow * imageWidth + p.xMin() + chipStart, convertedRow, 0, chipWidth);
            return;
        }
        for (int k = 0; k < chipWidth; k++) {
            image.put(dstRow * imageWidth + p.xMax() - (chipStart + k), convertedRow[k]);
        }
    }
}
