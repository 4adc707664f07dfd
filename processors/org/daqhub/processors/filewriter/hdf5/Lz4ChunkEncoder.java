package org.daqhub.processors.filewriter.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * HDF5 LZ4 filter (32004) chunk format: big-endian u64 original size, u32 block size, then per
 * block a big-endian u32 compressed size and the LZ4 block; a block that would not shrink is stored
 * as it is (its size equals the block size). One block per chunk, as the filter's default does for
 * images below 1 GiB.
 */
final class Lz4ChunkEncoder implements ChunkEncoder {

    private final LZ4Compressor lz4 = LZ4Factory.fastestInstance().fastCompressor();
    /** Direct, as the file channel wants it (a heap buffer is copied once more on every write). */
    private ByteBuffer out = ByteBuffer.allocateDirect(0);

    @Override
    public ByteBuffer encode(ByteBuffer raw) {
        int size = raw.remaining();
        int bound = 16 + lz4.maxCompressedLength(size);
        if (out.capacity() < bound) {
            out = ByteBuffer.allocateDirect(bound).order(ByteOrder.BIG_ENDIAN);
        }
        out.clear();
        out.putLong(size).putInt(size);
        int sizeAt = out.position();
        out.position(sizeAt + 4);
        int compressed = lz4.compress(raw.duplicate(), raw.position(), size, out, out.position(),
                out.remaining());
        if (compressed >= size) {
            out.put(out.position(), raw.duplicate(), raw.position(), size);
            compressed = size;
        }
        out.putInt(sizeAt, compressed);
        out.position(0).limit(sizeAt + 4 + compressed);
        return out;
    }
}
