package org.daqhub.processors.filewriter.hdf5;

import java.nio.ByteBuffer;

/**
 * Turns one image's bytes into the bytes of its HDF5 chunk, as the dataset's filter pipeline
 * expects them. One instance per writer thread: encoders keep their work buffers.
 */
public interface ChunkEncoder {

    /**
     * Encodes {@code raw} (position to limit). The answer is valid until the next call; it may be
     * {@code raw} itself when nothing is to be done.
     */
    ByteBuffer encode(ByteBuffer raw);
}
