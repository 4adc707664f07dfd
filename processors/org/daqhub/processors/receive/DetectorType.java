package org.daqhub.processors.receive;

import java.util.Arrays;

/**
 * The detector families the hub receives, with the packet and module facts of the SLS detector
 * firmware (48-byte header, fixed payload per packet, one UDP port per module).
 */
public enum DetectorType {

    /** One port = one half-module of 512 x 256 pixels, two chips of 256 with a 2-pixel gap between. */
    EIGER("eiger", 4096, 512, 256, 256, 2, false),
    /** 1024 x 512 pixels of 16 bits (2 gain bits + 14 ADC bits), image id from the bunch id. */
    JUNGFRAU_RAW("jungfrau-raw", 8192, 1024, 512, 1024, 0, true),
    /** As raw, with pedestal and gain correction to float32 after assembly. */
    JUNGFRAU_CONVERTED("jungfrau-converted", 8192, 1024, 512, 1024, 0, true);

    public static final int HEADER_BYTES = 48;

    private final String id;
    private final int payloadBytes;
    private final int moduleWidth;
    private final int moduleHeight;
    private final int chipWidth;
    private final int chipGap;
    private final boolean imageIdFromBunchId;

    DetectorType(String id, int payloadBytes, int moduleWidth, int moduleHeight, int chipWidth, int chipGap,
            boolean imageIdFromBunchId) {
        this.id = id;
        this.payloadBytes = payloadBytes;
        this.moduleWidth = moduleWidth;
        this.moduleHeight = moduleHeight;
        this.chipWidth = chipWidth;
        this.chipGap = chipGap;
        this.imageIdFromBunchId = imageIdFromBunchId;
    }

    public static DetectorType fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("detector_type '" + id + "' is not supported; use one of "
                        + Arrays.stream(values()).map(DetectorType::id).toList()));
    }

    public String id() {
        return id;
    }

    public int payloadBytes() {
        return payloadBytes;
    }

    public int packetBytes() {
        return HEADER_BYTES + payloadBytes;
    }

    /** Pixels along a module row, as the detector sends them (no gap pixels). */
    public int moduleWidth() {
        return moduleWidth;
    }

    public int moduleHeight() {
        return moduleHeight;
    }

    public int chipWidth() {
        return chipWidth;
    }

    /** Empty pixels between two chips of a module row in the assembled image. */
    public int chipGap() {
        return chipGap;
    }

    /** Width of a module in the assembled image, gaps between its chips included. */
    public int moduleSpanWidth() {
        return moduleWidth + (moduleWidth / chipWidth - 1) * chipGap;
    }

    public boolean imageIdFromBunchId() {
        return imageIdFromBunchId;
    }

    public boolean isJungfrau() {
        return this != EIGER;
    }
}
