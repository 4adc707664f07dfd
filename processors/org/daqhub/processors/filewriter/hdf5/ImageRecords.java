package org.daqhub.processors.filewriter.hdf5;

import java.util.Arrays;

/** Per-image values of one file (image id, status, timestamps...), one row per written chunk. */
final class ImageRecords {

    private long[] imageIds = new long[64];
    private byte[] statuses = new byte[64];
    private long[] frameNumbers = new long[64];
    private int[] missingPackets = new int[64];
    private long[] detectorTimestamps = new long[64];
    private long[] firstPacketNanos = new long[64];
    private long[] assembledNanos = new long[64];
    private int size;

    void add(ImageRecord r) {
        if (size == imageIds.length) {
            int n = size * 2;
            imageIds = Arrays.copyOf(imageIds, n);
            statuses = Arrays.copyOf(statuses, n);
            frameNumbers = Arrays.copyOf(frameNumbers, n);
            missingPackets = Arrays.copyOf(missingPackets, n);
            detectorTimestamps = Arrays.copyOf(detectorTimestamps, n);
            firstPacketNanos = Arrays.copyOf(firstPacketNanos, n);
            assembledNanos = Arrays.copyOf(assembledNanos, n);
        }
        imageIds[size] = r.imageId();
        statuses[size] = (byte) r.status();
        frameNumbers[size] = r.frameNumber();
        missingPackets[size] = r.missingPackets();
        detectorTimestamps[size] = r.detectorTimestamp();
        firstPacketNanos[size] = r.firstPacketNanos();
        assembledNanos[size] = r.assembledNanos();
        size++;
    }

    void removeLast() {
        size--;
    }

    int size() {
        return size;
    }

    long[] imageIds() {
        return Arrays.copyOf(imageIds, size);
    }

    byte[] statuses() {
        return Arrays.copyOf(statuses, size);
    }

    long[] frameNumbers() {
        return Arrays.copyOf(frameNumbers, size);
    }

    int[] missingPackets() {
        return Arrays.copyOf(missingPackets, size);
    }

    long[] detectorTimestamps() {
        return Arrays.copyOf(detectorTimestamps, size);
    }

    long[] firstPacketNanos() {
        return Arrays.copyOf(firstPacketNanos, size);
    }

    long[] assembledNanos() {
        return Arrays.copyOf(assembledNanos, size);
    }
}
