package org.daqhub.processors.receive;

import java.util.Map;

import org.daqhub.processors.statistics.Counter;
import org.daqhub.processors.statistics.Counters;

/** What the image assembler did. Written by the assembler thread only. */
public final class ImageStatistics {

    private final Counters counters = new Counters();

    final Counter imagesGood = counters.singleWriter("images_good");
    final Counter imagesMissingPackets = counters.singleWriter("images_missing_packets");
    final Counter imagesIdMismatch = counters.singleWriter("images_id_mismatch");
    final Counter imagesModulesMissing = counters.singleWriter("images_with_modules_missing");
    final Counter framesLate = counters.singleWriter("frames_late");
    final Counter framesDuplicated = counters.singleWriter("frames_duplicated");
    final Counter imagesNotDelivered = counters.singleWriter("images_not_delivered");
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

    /** The counters and the id of the last image assembled. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = counters.snapshot();
        m.put("last_image_id", lastImageId);
        return m;
    }
}
