package org.daqhub.processors.writer.hdf5;

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

    public static ImageRecord lost(long imageId) {
        return new ImageRecord(imageId, LOST, 0, 0, 0, 0, 0);
    }
}
