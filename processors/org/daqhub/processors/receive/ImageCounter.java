package org.daqhub.processors.receive;

/** What the image assembler counted ({@code daqhub_detector_images_*}, /detector/{name}/stats). */
public enum ImageCounter {
    IMAGES_GOOD, IMAGES_MISSING_PACKETS, IMAGES_ID_MISMATCH, IMAGES_WITH_MODULES_MISSING, FRAMES_LATE,
    FRAMES_DUPLICATED, IMAGES_NOT_DELIVERED
}
