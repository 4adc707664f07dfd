package org.daqhub.processors.filewriter;

import org.daqhub.processors.filewriter.hdf5.Compression;

/**
 * A validated request to write the next {@code images} images of a detector.
 *
 * @param outputFile     the file asked for, as the client wrote it (recorded in the files)
 * @param series         where the images go, already confined to the output roots
 */
public record WriteRequest(String requestId, String detector, String outputFile, long images, FileSeries series,
        Compression compression) {
}
