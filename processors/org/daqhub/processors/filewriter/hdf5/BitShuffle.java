package org.daqhub.processors.filewriter.hdf5;

/**
 * The bit transpose of the bitshuffle library (Masui et al.), as its HDF5 filter 32008 stores it:
 * within a block of n elements (n a multiple of 8), row {@code 8 * b + k} holds bit k of byte b of
 * every element, element j at bit j (least significant bit first). Grouping equal bits of
 * neighbouring pixels is what lets LZ4 compress detector images well.
 */
public final class BitShuffle {

    private BitShuffle() {
    }

    /**
     * Transposes {@code elements} elements of {@code elementSize} bytes from {@code in} at
     * {@code inOffset} into {@code out} at {@code outOffset}.
     */
    public static void shuffle(byte[] in, int inOffset, byte[] out, int outOffset, int elements, int elementSize) {
        if (elements % 8 != 0) {
            throw new IllegalArgumentException("bitshuffle blocks hold a multiple of 8 elements, not " + elements);
        }
        int groups = elements / 8;
        int rowBytes = groups;
        for (int g = 0; g < groups; g++) {
            int base = inOffset + g * 8 * elementSize;
            for (int b = 0; b < elementSize; b++) {
                long x = 0;
                for (int i = 0; i < 8; i++) {
                    x |= (in[base + i * elementSize + b] & 0xFFL) << (8 * i);
                }
                x = transpose8x8(x);
                int row = outOffset + b * 8 * rowBytes + g;
                for (int k = 0; k < 8; k++) {
                    out[row + k * rowBytes] = (byte) (x >>> (8 * k));
                }
            }
        }
    }

    /** Bit (8r + c) goes to bit (8c + r): byte k of the result holds bit k of every input byte. */
    static long transpose8x8(long x) {
        long t = (x ^ (x >>> 7)) & 0x00AA00AA00AA00AAL;
        x = x ^ t ^ (t << 7);
        t = (x ^ (x >>> 14)) & 0x0000CCCC0000CCCCL;
        x = x ^ t ^ (t << 14);
        t = (x ^ (x >>> 28)) & 0x00000000F0F0F0F0L;
        return x ^ t ^ (t << 28);
    }
}
