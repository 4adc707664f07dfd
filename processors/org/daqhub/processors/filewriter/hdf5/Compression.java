package org.daqhub.processors.filewriter.hdf5;

import java.util.List;
import java.util.Locale;

import io.jhdf.object.message.FilterPipelineMessage.FilterInfo;

/**
 * How image chunks are compressed, by the names a request or the configuration uses. LZ4 (HDF5
 * filter 32004) and bitshuffle+LZ4 (32008) need the registered filter plugins to be read outside
 * the hub (h5py: {@code import hdf5plugin}; h5dump: Debian's hdf5-filter-plugin); deflate is built
 * into every HDF5 reader.
 */
public enum Compression {
    NONE("none"),
    LZ4("lz4"),
    BITSHUFFLE_LZ4("bitshuffle-lz4"),
    DEFLATE("deflate");

    static final int LZ4_FILTER = 32004;
    static final int BITSHUFFLE_FILTER = 32008;
    private static final int DEFLATE_LEVEL = 1;

    private final String label;

    Compression(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** What transposes bits for bitshuffle-LZ4 in this process: the C library by JNI, or Java. */
    public static String bitshuffleImplementation() {
        return NativeBitShuffle.implementation();
    }

    /** Parses a compression name; accepts {@code bitshuffle_lz4} and {@code bslz4} as well. */
    public static Compression parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Compression c : values()) {
            if (c.label.equals(n)) {
                return c;
            }
        }
        if (n.equals("bslz4")) {
            return BITSHUFFLE_LZ4;
        }
        throw new IllegalArgumentException("compression '" + name + "' is not one of none, lz4, bitshuffle-lz4, deflate");
    }

    /** The filter pipeline message content for a dataset of elements of {@code elementSize} bytes. */
    List<FilterInfo> filters(int elementSize) {
        return switch (this) {
            case NONE -> List.of();
            case LZ4 -> List.of(new FilterInfo(LZ4_FILTER, "lz4", false, new int[] {}));
            case BITSHUFFLE_LZ4 -> List.of(new FilterInfo(BITSHUFFLE_FILTER, "bitshuffle; see https://github.com/kiyo-masui/bitshuffle", false,
                    new int[] {0, 3, elementSize, BitshuffleLz4ChunkEncoder.defaultBlockElements(elementSize), 2}));
            case DEFLATE -> List.of(new FilterInfo(2, "shuffle", false, new int[] {elementSize}),
                    new FilterInfo(1, "deflate", false, new int[] {DEFLATE_LEVEL}));
        };
    }

    /** A new encoder (each keeps its work buffers: one per thread). */
    public ChunkEncoder encoder(int elementSize) {
        return switch (this) {
            case NONE -> raw -> raw;
            case LZ4 -> new Lz4ChunkEncoder();
            case BITSHUFFLE_LZ4 -> new BitshuffleLz4ChunkEncoder(elementSize);
            case DEFLATE -> new DeflateChunkEncoder(elementSize, DEFLATE_LEVEL);
        };
    }
}
