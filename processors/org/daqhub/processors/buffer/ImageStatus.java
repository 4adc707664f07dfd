package org.daqhub.processors.buffer;

/** Status of an assembled image, as stored in the buffer and sent in its metadata. */
public enum ImageStatus {
    /** Slot never written. */
    EMPTY(0, "empty"),
    /** Every module's frame arrived whole. */
    GOOD(1, "good"),
    /** Packets or whole module frames are missing; their pixels are zero. */
    MISSING_PACKETS(2, "missing_packets"),
    /** The modules' frames disagree on the frame number for this image id. */
    ID_MISMATCH(3, "id_mismatch");

    private final int code;
    private final String label;

    ImageStatus(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static ImageStatus ofCode(int code) {
        for (ImageStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown image status code " + code);
    }
}
