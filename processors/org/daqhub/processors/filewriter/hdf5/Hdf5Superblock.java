package org.daqhub.processors.filewriter.hdf5;

import java.nio.ByteBuffer;

import io.jhdf.BufferBuilder;
import io.jhdf.Constants;

/**
 * Superblock version 2 with a root group anywhere in the file. jhdf's own superblock always puts
 * the root group at byte 64; the streamed file keeps its images from byte 4096 on and writes the
 * group tree after them, so it needs to say where the root group is.
 */
final class Hdf5Superblock {

    private static final byte[] SIGNATURE = {(byte) 137, 72, 68, 70, 13, 10, 26, 10};

    private Hdf5Superblock() {
    }

    static ByteBuffer encode(long endOfFile, long rootGroupAddress) {
        return new BufferBuilder()
                .writeBytes(SIGNATURE)
                .writeByte(2) // superblock version
                .writeByte(8) // size of offsets
                .writeByte(8) // size of lengths
                .writeByte(0) // file consistency flags
                .writeLong(0) // base address
                .writeLong(Constants.UNDEFINED_ADDRESS) // no superblock extension
                .writeLong(endOfFile)
                .writeLong(rootGroupAddress)
                .appendChecksum()
                .build();
    }
}
