package org.daqhub.processors.filewriter.hdf5;

/**
 * What a file records about one image besides its pixels.
 *
 * @param status the image buffer's status code (1 good, 2 missing_packets, 3 id_mismatch) or
 *               {@link #LOST} when the buffer overwrote the image before the writer read it
 */
public record ImageRecord(long imageId, int status, long frameNumber, int missingPackets, long detectorTimestamp,
        long firstPacketNanos, long assembledNanos) {

    /** Status code of an image the writer could not read in time (its pixels are written as zeros). */
    public static final int LOST = 255;
    /** The image buffer's code for an image with packets missing (their pixels zero). */
    public static final int MISSING_PACKETS = 2;

    public static ImageRecord lost(long imageId) {
        return new ImageRecord(imageId, LOST, 0, 0, 0, 0, 0);
    }

    /** An image the detector never completed (its frame number skipped): all its packets missing. */
    public static ImageRecord neverAssembled(long imageId, long frameNumber, int packetsPerImage) {
        return new ImageRecord(imageId, MISSING_PACKETS, frameNumber, packetsPerImage, 0, 0, 0);
    }
}
