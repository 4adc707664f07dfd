package org.daqhub.tools.transform;

/**
 * Statistics of one image: sum and maximum of its pixels and how many are saturated (at the
 * saturation value or above).
 */
public record ImageStatistics(long index, double sum, double max, long saturated, long pixels) {

    /** Accumulates one image's pixels, whatever their Java type as jhdf returns them. */
    static final class Accumulator {
        private final double saturation;
        private double sum;
        private double max = Double.NEGATIVE_INFINITY;
        private long saturated;
        private long pixels;

        Accumulator(double saturation) {
            this.saturation = saturation;
        }

        void add(Object data) {
            if (data instanceof Object[] rows) {
                for (Object row : rows) {
                    add(row);
                }
            } else if (data instanceof int[] a) {
                for (int v : a) {
                    pixel(v);
                }
            } else if (data instanceof short[] a) {
                for (short v : a) {
                    pixel(v);
                }
            } else if (data instanceof long[] a) {
                for (long v : a) {
                    pixel(v);
                }
            } else if (data instanceof float[] a) {
                for (float v : a) {
                    pixel(v);
                }
            } else if (data instanceof double[] a) {
                for (double v : a) {
                    pixel(v);
                }
            } else if (data instanceof byte[] a) {
                for (byte v : a) {
                    pixel(v);
                }
            } else {
                throw new IllegalArgumentException("pixels of type " + data.getClass().getSimpleName() + " are not supported");
            }
        }

        private void pixel(double v) {
            sum += v;
            if (v > max) {
                max = v;
            }
            if (v >= saturation) {
                saturated++;
            }
            pixels++;
        }

        ImageStatistics result(long index) {
            return new ImageStatistics(index, sum, pixels == 0 ? 0 : max, saturated, pixels);
        }
    }
}
