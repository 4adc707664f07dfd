package org.daqhub.processors.filewriter.hdf5;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import org.xerial.snappy.BitShuffleType;

/**
 * bitshuffle's own C transpose (Masui et al.), as snappy-java bundles it behind JNI, where its
 * native library loads on this machine; {@link #AVAILABLE} is false elsewhere and the writer uses
 * the pure-Java {@link BitShuffle}. Before it is trusted, the native transpose must give the same
 * bytes as the Java one on a test block: the files are the same whichever runs.
 */
final class NativeBitShuffle {

    static final boolean AVAILABLE = check();

    private NativeBitShuffle() {
    }

    /** What shuffles bits in this process, for {@code /writer}. */
    static String implementation() {
        return AVAILABLE ? "JNI (bitshuffle C library in snappy-java)" : "pure Java";
    }

    /**
     * Transposes the whole of {@code raw} (direct, position to limit) into {@code shuffled}
     * (direct, from 0) block by block with bitshuffle's default block size, the trailing elements
     * that do not fill 8 copied as they are: what {@link BitshuffleLz4ChunkEncoder} compresses.
     */
    static void shuffle(ByteBuffer raw, int elementSize, ByteBuffer shuffled) {
        try {
            org.xerial.snappy.BitShuffle.shuffle(raw, type(elementSize), shuffled.clear());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("native bitshuffle failed: " + e.getMessage(), e);
        }
    }

    private static BitShuffleType type(int elementSize) {
        return switch (elementSize) {
            case 1 -> BitShuffleType.BYTE;
            case 2 -> BitShuffleType.SHORT;
            case 4 -> BitShuffleType.INT;
            case 8 -> BitShuffleType.LONG;
            default -> throw new IllegalArgumentException("no bitshuffle for " + elementSize + "-byte elements");
        };
    }

    private static boolean check() {
        if (Boolean.getBoolean("daqhub.bitshuffle.pure-java")) {
            return false;
        }
        try {
            for (int elementSize : new int[] {1, 2, 4}) {
                int elements = BitshuffleLz4ChunkEncoder.defaultBlockElements(elementSize) + 13;
                byte[] data = new byte[elements * elementSize];
                new SplittableRandom(elementSize).nextBytes(data);
                ByteBuffer in = ByteBuffer.allocateDirect(data.length).put(data).flip();
                ByteBuffer out = ByteBuffer.allocateDirect(data.length);
                shuffle(in, elementSize, out);
                byte[] expected = BitshuffleLz4ChunkEncoder.shuffleInJava(data, elementSize);
                byte[] actual = new byte[data.length];
                out.get(0, actual);
                if (!java.util.Arrays.equals(expected, actual)) {
                    return false;
                }
            }
            return true;
        } catch (Throwable notLoaded) { // UnsatisfiedLinkError, SnappyError, ExceptionInInitializerError
            return false;
        }
    }
}
