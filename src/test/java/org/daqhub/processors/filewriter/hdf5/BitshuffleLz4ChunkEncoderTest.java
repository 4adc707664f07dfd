package org.daqhub.processors.filewriter.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The native transpose (bitshuffle's C code in snappy-java) and the Java one write the same chunks. */
class BitshuffleLz4ChunkEncoderTest {

    @Test
    void theNativeTransposeRunsOnThisMachine() {
        // Linux x86_64, where the writer's speed figures are measured: the JNI library must load.
        assertThat(NativeBitShuffle.AVAILABLE).as(NativeBitShuffle.implementation()).isTrue();
    }

    @ParameterizedTest(name = "{0}-byte elements, {1} elements, direct {2}")
    @CsvSource({"2, 4096, true", "2, 1048576, true", "2, 1048576, false", "2, 5000, true", "2, 4101, false",
            "2, 5, true", "1, 8192, true", "1, 20007, false", "4, 2048, true", "4, 6151, true", "4, 3, false"})
    void nativeAndJavaTransposesGiveTheSameChunk(int elementSize, int elements, boolean direct) {
        byte[] data = new byte[elements * elementSize];
        SplittableRandom random = new SplittableRandom(elements);
        for (int i = 0; i < data.length; i++) {
            // detector-like: low bytes vary, high bytes mostly zero, so LZ4 has something to find
            data[i] = (byte) (i % elementSize == 0 ? random.nextInt(256) : random.nextInt(16) == 0 ? 1 : 0);
        }
        ByteBuffer raw = direct ? ByteBuffer.allocateDirect(data.length).put(data).flip() : ByteBuffer.wrap(data);
        byte[] nativeChunk = bytes(new BitshuffleLz4ChunkEncoder(elementSize).encode(raw, true));
        byte[] javaChunk = bytes(new BitshuffleLz4ChunkEncoder(elementSize).encode(raw, false));
        assertThat(nativeChunk).isEqualTo(javaChunk);
        assertThat(raw.position()).as("the image is left as it was").isZero();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
