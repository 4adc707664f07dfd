package org.daqhub.processors.buffer;

/**
 * What the image buffer records about the image in a slot.
 *
 * @param imageId           image id (Jungfrau: bunch id; Eiger: frame number)
 * @param frameNumber       frame number of the first module
 * @param status            good, missing_packets or id_mismatch
 * @param modulesReceived   modules whose frame arrived (whole or not)
 * @param missingPackets    packets missing over all modules (whole missing modules included)
 * @param detectorTimestamp the detector's timestamp field of the first module's frame
 * @param firstPacketNanos  wall clock (epoch ns) when the image's first packet arrived
 * @param assembledNanos    wall clock (epoch ns) when the image was complete in the buffer
 */
public record SlotMetadata(long imageId, long frameNumber, ImageStatus status, int modulesReceived,
        int missingPackets, long detectorTimestamp, long firstPacketNanos, long assembledNanos) {
}
