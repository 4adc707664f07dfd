package org.daqhub.processors.filewriter.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * Bitshuffle filter (32008) with LZ4, in the chunk format of bitshuffle's own HDF5 filter:
 * big-endian u64 original size, u32 block size in bytes, then each block bit-transposed and LZ4
 * compressed behind a big-endian u32 compressed size. Blocks hold {@link #blockElements} elements;
 * the last partial block is cut to a multiple of 8 elements and the fewer than 8 elements left
 * over are copied as they are, exactly as the C library does. The transpose runs in bitshuffle's
 * own C code where it loads ({@link NativeBitShuffle}), straight from the image buffer's mapped
 * memory, else in Java; the bytes written are the same.
 */
final class BitshuffleLz4ChunkEncoder implements ChunkEncoder {

    /** bitshuffle's default block: about 8 KiB, a multiple of 8 elements, at least 128 elements. */
    static int defaultBlockElements(int elementSize) {
        int block = 8192 / elementSize;
        block = block / 8 * 8;
        return Math.max(block, 128);
    }

    private final LZ4Compressor lz4 = LZ4Factory.fastestInstance().fastCompressor();
    private final int elementSize;
    private final int blockElements;
    /** The Java transpose's input and output (grown to the chunk size). */
    private byte[] in = new byte[0];
    private byte[] shuffled = new byte[0];
    /**
     * Direct, as the file channel wants it: a heap buffer would be copied once more, into the
     * JDK's temporary direct buffer, on every write.
     */
    private ByteBuffer out = ByteBuffer.allocateDirect(0);
    /** The native transpose of a whole chunk, and a direct copy of chunks that arrive on the heap. */
    private ByteBuffer shuffledChunk = ByteBuffer.allocateDirect(0);
    private ByteBuffer directChunk = ByteBuffer.allocateDirect(0);

    BitshuffleLz4ChunkEncoder(int elementSize) {
        this.elementSize = elementSize;
        this.blockElements = defaultBlockElements(elementSize);
    }

    int blockElements() {
        return blockElements;
    }

    @Override
    public ByteBuffer encode(ByteBuffer raw) {
        return encode(raw, NativeBitShuffle.AVAILABLE);
    }

    /**
     * With the native or the Java transpose (tests check they write the same bytes): the whole
     * chunk is transposed block by block, then each block LZ4-compressed behind its big-endian
     * size, and the fewer than 8 trailing elements copied as they are.
     */
    ByteBuffer encode(ByteBuffer raw, boolean nativeTranspose) {
        int size = raw.remaining();
        ByteBuffer transposed = nativeTranspose ? transposeNatively(raw) : transposeInJava(raw);
        int blocks = size / (blockElements * elementSize) + 1;
        int bound = 12 + blocks * (4 + lz4.maxCompressedLength(blockElements * elementSize));
        if (out.capacity() < bound) {
            out = ByteBuffer.allocateDirect(bound).order(ByteOrder.BIG_ENDIAN);
        }
        out.clear();
        out.putLong(size).putInt(blockElements * elementSize);
        int elements = size / elementSize;
        int done = 0;
        while (done < elements) {
            int block = elements - done >= blockElements ? blockElements : (elements - done) / 8 * 8;
            if (block == 0) {
                break;
            }
            int sizeAt = out.position();
            int n = lz4.compress(transposed, done * elementSize, block * elementSize, out, sizeAt + 4,
                    out.capacity() - sizeAt - 4);
            out.putInt(sizeAt, n);
            out.position(sizeAt + 4 + n);
            done += block;
        }
        int leftover = size - done * elementSize;
        out.put(out.position(), transposed, done * elementSize, leftover);
        out.position(out.position() + leftover);
        return out.flip();
    }

    private ByteBuffer transposeNatively(ByteBuffer raw) {
        int size = raw.remaining();
        ByteBuffer source = raw.duplicate();
        if (!source.isDirect()) {
            if (directChunk.capacity() < size) {
                directChunk = ByteBuffer.allocateDirect(size);
            }
            source = directChunk.clear().put(source).flip();
        }
        if (shuffledChunk.capacity() < size) {
            shuffledChunk = ByteBuffer.allocateDirect(size);
        }
        NativeBitShuffle.shuffle(source, elementSize, shuffledChunk);
        return shuffledChunk;
    }

    private ByteBuffer transposeInJava(ByteBuffer raw) {
        int size = raw.remaining();
        if (in.length < size) {
            in = new byte[size];
            shuffled = new byte[size];
        }
        raw.duplicate().get(in, 0, size);
        transpose(in, shuffled, size, elementSize, blockElements);
        return ByteBuffer.wrap(shuffled, 0, size);
    }

    /** The pure-Java transpose of a whole chunk, as the native one lays it out (tests compare them). */
    static byte[] shuffleInJava(byte[] data, int elementSize) {
        byte[] out = new byte[data.length];
        transpose(data, out, data.length, elementSize, defaultBlockElements(elementSize));
        return out;
    }

    /** Block by block, the last block cut to a multiple of 8 elements, the rest copied: bitshuffle's layout. */
    private static void transpose(byte[] in, byte[] out, int size, int elementSize, int blockElements) {
        int elements = size / elementSize;
        int done = 0;
        while (elements - done >= blockElements) {
            BitShuffle.shuffle(in, done * elementSize, out, done * elementSize, blockElements, elementSize);
            done += blockElements;
        }
        int last = (elements - done) / 8 * 8;
        if (last > 0) {
            BitShuffle.shuffle(in, done * elementSize, out, done * elementSize, last, elementSize);
            done += last;
        }
        System.arraycopy(in, done * elementSize, out, done * elementSize, size - done * elementSize);
    }
}
