package org.daqhub.processors.filewriter.hdf5;

import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * HDF5's byte shuffle (filter 2) then deflate (filter 1): the standard filters every HDF5 reader has,
 * slower than LZ4 but readable without plugins.
 */
final class DeflateChunkEncoder implements ChunkEncoder {

    private final int elementSize;
    private final Deflater deflater;
    private byte[] shuffled = new byte[0];
    private byte[] out = new byte[0];

    DeflateChunkEncoder(int elementSize, int level) {
        this.elementSize = elementSize;
        this.deflater = new Deflater(level);
    }

    @Override
    public ByteBuffer encode(ByteBuffer raw) {
        int size = raw.remaining();
        if (shuffled.length < size) {
            shuffled = new byte[size];
            out = new byte[size + size / 1000 + 64];
        }
        int elements = size / elementSize;
        for (int i = 0; i < elements; i++) {
            for (int b = 0; b < elementSize; b++) {
                shuffled[b * elements + i] = raw.get(raw.position() + i * elementSize + b);
            }
        }
        // bytes of a partial last element stay where they are, as H5Z_shuffle leaves them
        for (int i = elements * elementSize; i < size; i++) {
            shuffled[i] = raw.get(raw.position() + i);
        }
        deflater.reset();
        deflater.setInput(shuffled, 0, size);
        deflater.finish();
        int n = 0;
        while (!deflater.finished()) {
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            n += deflater.deflate(out, n, out.length - n);
        }
        return ByteBuffer.wrap(out, 0, n);
    }
}
