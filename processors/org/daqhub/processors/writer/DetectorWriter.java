package org.daqhub.processors.writer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.SlotMetadata;
import org.daqhub.processors.detector.ImageMetadata;
import org.daqhub.processors.detector.PixelType;
import org.daqhub.processors.writer.hdf5.ImageRecord;
import org.daqhub.processors.writer.hdf5.NxmxFileWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the images of one detector's buffer to HDF5, one request at a time. The detector route
 * hands every assembled image to {@link #offer}; while a request runs, its next n images are queued
 * for it and {@link #write} (on the caller's thread) copies each from the buffer to the file.
 *
 * <p>An image the buffer overwrote before the writer got to it is written as zeros with status
 * "lost" (255), and a frame the detector numbered but that never became an image (a gap in the
 * frame numbers of the images handed over) as zeros with status missing_packets and all its
 * packets missing; both are counted in the request's status and in the file: never skipped.
 */
public final class DetectorWriter {

    private static final Logger LOG = LoggerFactory.getLogger(DetectorWriter.class);
    private static final long POLL_MILLIS = 100;
    /** A larger jump in frame numbers is a detector restart or a new run, not frames to stand in for. */
    private static final long MAX_GAP = 1000;

    private final String detector;
    private final ImageBuffer buffer;
    private final PixelType pixelType;
    private final Map<String, Object> nxDetector;
    private final int packetsPerImage;
    private final WriterStatistics statistics = new WriterStatistics();
    private volatile WriteJob active;

    /**
     * @param nxDetector      fields of the files' NXdetector group
     * @param packetsPerImage packets of one image (all modules), the missing count of a placeholder
     */
    public DetectorWriter(String detector, ImageBuffer buffer, PixelType pixelType, Map<String, Object> nxDetector,
            int packetsPerImage) {
        this.detector = detector;
        this.buffer = buffer;
        this.pixelType = pixelType;
        this.nxDetector = nxDetector;
        this.packetsPerImage = packetsPerImage;
    }

    public String detector() {
        return detector;
    }

    public WriterStatistics statistics() {
        return statistics;
    }

    public WriteJob active() {
        return active;
    }

    /** Every assembled image of the detector (detector route thread): queued for the running request. */
    public void offer(ImageMetadata image) {
        WriteJob job = active;
        if (job != null) {
            job.offer(image);
        }
    }

    /**
     * Runs a request to its end on the calling thread: all images written, killed, or failed. Never
     * throws; the outcome is in the job.
     */
    public void write(WriteJob job) {
        if (job.killRequested()) {
            job.end(WriteState.KILLED, "killed before it started; nothing written");
            statistics.requestsKilled.incrementAndGet();
            return;
        }
        WriteRequest request = job.request();
        NxmxFileWriter file = null;
        int fileIndex = 0;
        ImageMetadata previous = null;
        active = job;
        job.started();
        try {
            // The first file is opened before any image arrives, so a directory that cannot be
            // written fails the request at once rather than at the first image.
            file = open(job, fileIndex);
            while (job.done() < request.images() && !job.killRequested()) {
                ImageMetadata image = job.nextImage(POLL_MILLIS);
                if (image == null) {
                    continue;
                }
                // Frames the detector numbered but that never became an image keep their place.
                long gap = previous == null ? 0 : image.frameNumber() - previous.frameNumber() - 1;
                for (long k = 1; gap > 0 && gap <= MAX_GAP && k <= gap && job.done() < request.images(); k++) {
                    if (file == null) {
                        file = open(job, fileIndex);
                    }
                    placeholder(file, job, previous, image, k);
                    if (file.images() == request.series().imagesIn(fileIndex, request.images())) {
                        closeFile(file, job, fileIndex, false);
                        file = null;
                        fileIndex++;
                    }
                }
                previous = image;
                if (job.done() >= request.images()) {
                    break;
                }
                if (file == null) {
                    file = open(job, fileIndex);
                }
                writeImage(file, image, job);
                if (file.images() == request.series().imagesIn(fileIndex, request.images())) {
                    closeFile(file, job, fileIndex, false);
                    file = null;
                    fileIndex++;
                }
            }
            boolean killed = job.killRequested() && job.done() < request.images();
            if (file != null) {
                closeFile(file, job, fileIndex, killed);
            }
            if (killed) {
                statistics.requestsKilled.incrementAndGet();
                job.end(WriteState.KILLED, "killed after " + job.written() + " of " + request.images() + " images");
            } else {
                statistics.requestsSucceeded.incrementAndGet();
                job.end(WriteState.SUCCEEDED, job.lost() == 0 ? null
                        : job.lost() + " images were overwritten in the buffer before they could be written");
            }
        } catch (IOException | RuntimeException e) {
            if (file != null) {
                file.abort();
            }
            String reason = describe(e);
            LOG.error("Write request {} for detector {} failed: {}", request.requestId(), detector, reason);
            statistics.requestsFailed.incrementAndGet();
            job.end(WriteState.FAILED, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (file != null) {
                file.abort();
            }
            statistics.requestsFailed.incrementAndGet();
            job.end(WriteState.FAILED, "the hub is shutting down");
        } finally {
            active = null;
        }
    }

    private NxmxFileWriter open(WriteJob job, int fileIndex) throws IOException {
        WriteRequest request = job.request();
        Path target = request.series().files().get(fileIndex);
        Path directory = request.series().realDirectory();
        if (directory != null && !target.toAbsolutePath().getParent().toRealPath().equals(directory)) {
            throw new IOException("the directory of " + target + " is no longer " + directory
                    + " (replaced by a link since the request was accepted); not writing there");
        }
        NxmxFileWriter file = new NxmxFileWriter(target, pixelType, buffer.height(), buffer.width(),
                request.compression(), nxDetector);
        job.writing(target);
        return file;
    }

    private void writeImage(NxmxFileWriter file, ImageMetadata image, WriteJob job) throws IOException {
        long id = image.imageId();
        long sequence = buffer.beginRead(id);
        if (sequence < 0) {
            lost(file, job, id);
            return;
        }
        int slot = buffer.slotOf(id);
        SlotMetadata m = buffer.metadata(slot);
        ByteBuffer chunk = file.encode(buffer.pixels(slot).asReadOnlyBuffer());
        long before = file.storedBytes();
        file.append(chunk, new ImageRecord(id, m.status().code(), m.frameNumber(), m.missingPackets(),
                m.detectorTimestamp(), m.firstPacketNanos(), m.assembledNanos()));
        // The copy went straight from the shared buffer: if the slot was rewritten meanwhile, it is torn.
        if (!buffer.unchangedSince(id, sequence)) {
            file.replaceLastWithLost();
            job.imageLost();
            statistics.imagesLost.incrementAndGet();
            return;
        }
        long bytes = file.storedBytes() - before;
        job.imageWritten(bytes);
        statistics.imagesWritten.incrementAndGet();
        statistics.bytesWritten.addAndGet(bytes);
    }

    /**
     * The {@code k}-th frame between {@code before} and {@code after} never became an image: zeros,
     * status missing_packets with all its packets missing, its frame number, and its image id
     * between theirs (the frame number for Eiger; a Jungfrau's bunch ids step evenly with frames).
     */
    private void placeholder(NxmxFileWriter file, WriteJob job, ImageMetadata before, ImageMetadata after, long k)
            throws IOException {
        long frames = after.frameNumber() - before.frameNumber();
        long id = before.imageId() + (after.imageId() - before.imageId()) / frames * k;
        file.appendZeros(ImageRecord.neverAssembled(id, before.frameNumber() + k, packetsPerImage));
        job.imageMissing();
        statistics.imagesMissing.incrementAndGet();
    }

    private void lost(NxmxFileWriter file, WriteJob job, long id) throws IOException {
        file.appendLost(id);
        job.imageLost();
        statistics.imagesLost.incrementAndGet();
    }

    private void closeFile(NxmxFileWriter file, WriteJob job, int fileIndex, boolean killed) throws IOException {
        WriteRequest request = job.request();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("request_id", request.requestId());
        attributes.put("output_file", request.outputFile());
        attributes.put("detector", detector);
        attributes.put("images_requested", request.images());
        attributes.put("images_in_file", (long) file.images());
        attributes.put("file_index", (long) fileIndex + 1);
        attributes.put("file_count", (long) request.series().files().size());
        attributes.put("images_written_total", job.written());
        attributes.put("images_lost_total", job.lost());
        attributes.put("killed", killed ? "true" : "false");
        attributes.put("compression", request.compression().label());
        Path path = file.close(attributes);
        job.fileClosed(path);
        statistics.filesWritten.incrementAndGet();
    }

    /** A reason a beamline user can act on, not a bare exception class. */
    static String describe(Exception e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory: " + n.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + ": " + f.getFile();
        }
        String text = e.getMessage();
        if (text != null && text.contains("No space left")) {
            return "disk full: " + text;
        }
        return text != null ? text : e.getClass().getSimpleName();
    }
}
