package org.daqhub.processors.receive;

import java.util.Map;

import org.daqhub.processors.statistics.Counters;

/** What the image assembler did. Written by the assembler thread only. */
public final class ImageStatistics {

    final Counters<ImageCounter> counters = Counters.singleWriter(ImageCounter.class);
    volatile long lastImageId = -1;

    public long imagesGood() {
        return counters.get(ImageCounter.IMAGES_GOOD);
    }

    public long imagesIncomplete() {
        return counters.get(ImageCounter.IMAGES_MISSING_PACKETS) + counters.get(ImageCounter.IMAGES_ID_MISMATCH);
    }

    public long imagesTotal() {
        return imagesGood() + imagesIncomplete();
    }

    public long imagesNotDelivered() {
        return counters.get(ImageCounter.IMAGES_NOT_DELIVERED);
    }

    public long lastImageId() {
        return lastImageId;
    }

    /** The counters and the id of the last image assembled. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = counters.snapshot();
        m.put("last_image_id", lastImageId);
        return m;
    }
}
