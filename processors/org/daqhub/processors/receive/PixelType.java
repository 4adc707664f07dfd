package org.daqhub.processors.receive;

/** Pixel types of the image buffer, with the numpy/HDF5 names clients use. */
public enum PixelType {
    UINT8("uint8", 1, 1),
    UINT16("uint16", 2, 2),
    UINT32("uint32", 4, 3),
    FLOAT32("float32", 4, 4);

    private final String dtype;
    private final int bytes;
    private final int code;

    PixelType(String dtype, int bytes, int code) {
        this.dtype = dtype;
        this.bytes = bytes;
        this.code = code;
    }

    public String dtype() {
        return dtype;
    }

    public int bytes() {
        return bytes;
    }

    /** Number stored in the image buffer header. */
    public int code() {
        return code;
    }

    /** Stored type of raw pixels of the given bit depth (4-bit pixels are unpacked to one byte each). */
    public static PixelType forBitDepth(int bitDepth) {
        return switch (bitDepth) {
            case 4, 8 -> UINT8;
            case 16 -> UINT16;
            case 32 -> UINT32;
            default -> throw new IllegalArgumentException("bit_depth " + bitDepth + " is not one of 4, 8, 16, 32");
        };
    }
}
