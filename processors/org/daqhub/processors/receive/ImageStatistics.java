package org.daqhub.processors.receive;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the image assembler did. Written by the assembler thread only. */
public final class ImageStatistics {

    final SingleWriterCounter imagesGood = new SingleWriterCounter();
    final SingleWriterCounter imagesMissingPackets = new SingleWriterCounter();
    final SingleWriterCounter imagesIdMismatch = new SingleWriterCounter();
    final SingleWriterCounter imagesModulesMissing = new SingleWriterCounter();
    final SingleWriterCounter framesLate = new SingleWriterCounter();
    final SingleWriterCounter framesDuplicated = new SingleWriterCounter();
    final SingleWriterCounter imagesNotDelivered = new SingleWriterCounter();
    volatile long lastImageId = -1;

    public long imagesGood() {
        return imagesGood.get();
    }

    public long imagesIncomplete() {
        return imagesMissingPackets.get() + imagesIdMismatch.get();
    }

    public long imagesTotal() {
        return imagesGood() + imagesIncomplete();
    }

    public long imagesNotDelivered() {
        return imagesNotDelivered.get();
    }

    public long lastImageId() {
        return lastImageId;
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("images_good", imagesGood.get());
        m.put("images_missing_packets", imagesMissingPackets.get());
        m.put("images_id_mismatch", imagesIdMismatch.get());
        m.put("images_with_modules_missing", imagesModulesMissing.get());
        m.put("frames_late", framesLate.get());
        m.put("frames_duplicated", framesDuplicated.get());
        m.put("images_not_delivered", imagesNotDelivered.get());
        m.put("last_image_id", lastImageId);
        return m;
    }
}
