package org.daqhub.processors.filewriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.SlotMetadata;
import org.daqhub.processors.filewriter.hdf5.ChunkEncoder;
import org.daqhub.processors.filewriter.hdf5.Compression;
import org.daqhub.processors.filewriter.hdf5.ImageRecord;
import org.daqhub.processors.filewriter.hdf5.NxmxFileWriter;
import org.daqhub.processors.receive.ImageMetadata;
import org.daqhub.processors.receive.PixelType;
import org.daqhub.processors.statistics.Counters;
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
    /** Where images are compressed in parallel; null: on the writing thread. */
    private final ExecutorService compressors;
    private final int compressionThreads;
    /** Runs the files' write-behind flushes; null: each file reaches the disk at its closing fsync. */
    private final java.util.concurrent.Executor flusher;
    private final Counters<WriterCounter> statistics = Counters.shared(WriterCounter.class);
    private volatile WriteJob active;

    /**
     * @param nxDetector      fields of the files' NXdetector group
     * @param packetsPerImage packets of one image (all modules), the missing count of a placeholder
     */
    public DetectorWriter(String detector, ImageBuffer buffer, PixelType pixelType, Map<String, Object> nxDetector,
            int packetsPerImage) {
        this(detector, buffer, pixelType, nxDetector, packetsPerImage, null, 1);
    }

    /**
     * @param compressors        the compression pool ({@code compressionThreads} threads, shared by
     *                           the detectors' writers), or null to compress on the writing thread
     */
    public DetectorWriter(String detector, ImageBuffer buffer, PixelType pixelType, Map<String, Object> nxDetector,
            int packetsPerImage, ExecutorService compressors, int compressionThreads) {
        this(detector, buffer, pixelType, nxDetector, packetsPerImage, compressors, compressionThreads, null);
    }

    /** @param flusher runs the write-behind flushes of the files (one thread is enough), or null */
    public DetectorWriter(String detector, ImageBuffer buffer, PixelType pixelType, Map<String, Object> nxDetector,
            int packetsPerImage, ExecutorService compressors, int compressionThreads,
            java.util.concurrent.Executor flusher) {
        this.flusher = flusher;
        this.detector = detector;
        this.buffer = buffer;
        this.pixelType = pixelType;
        this.nxDetector = nxDetector;
        this.packetsPerImage = packetsPerImage;
        this.compressors = compressionThreads > 1 ? compressors : null;
        this.compressionThreads = compressionThreads;
    }

    /** Threads that compress this writer's images (1: the writing thread itself). */
    public int compressionThreads() {
        return compressors == null ? 1 : compressionThreads;
    }

    public String detector() {
        return detector;
    }

    public Counters<WriterCounter> statistics() {
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
     * throws; the outcome is in the job. With compression and more than one compression thread,
     * images are encoded on the pool while this thread appends the chunks in image order.
     */
    public void write(WriteJob job) {
        if (job.killRequested()) {
            job.end(WriteState.KILLED, "killed before it started; nothing written");
            statistics.increment(WriterCounter.REQUESTS_KILLED);
            return;
        }
        WriteRequest request = job.request();
        Pipeline pipeline = compressors != null && request.compression() != Compression.NONE
                ? new Pipeline(request.compression()) : null;
        Output out = new Output(job, pipeline);
        ImageMetadata previous = null;
        active = job;
        job.started();
        try {
            // The first file is opened before any image arrives, so a directory that cannot be
            // written fails the request at once rather than at the first image.
            out.ensureOpen();
            while (job.done() < request.images() && !job.killRequested()) {
                if (pipeline != null && (job.done() + pipeline.size() >= request.images() || pipeline.full())) {
                    out.append(pipeline.next()); // enough in flight: take the oldest
                    continue;
                }
                ImageMetadata image = job.nextImage(pipeline != null && pipeline.size() > 0 ? 0 : POLL_MILLIS);
                if (image == null) {
                    if (pipeline != null && pipeline.size() > 0) {
                        out.append(pipeline.next());
                    }
                    continue;
                }
                // Frames the detector numbered but that never became an image keep their place.
                long gap = previous == null ? 0 : image.frameNumber() - previous.frameNumber() - 1;
                if (gap > 0 && gap <= MAX_GAP) {
                    while (pipeline != null && pipeline.size() > 0) {
                        out.append(pipeline.next());
                    }
                    for (long k = 1; k <= gap && job.done() < request.images(); k++) {
                        out.placeholder(previous, image, k);
                    }
                }
                previous = image;
                if (job.done() >= request.images()) {
                    break;
                }
                if (pipeline != null) {
                    pipeline.submit(image);
                } else {
                    out.append(encode(image, out.ensureOpen().encoderOfFile()));
                }
            }
            boolean killed = job.killRequested() && job.done() < request.images();
            out.close(killed);
            if (killed) {
                statistics.increment(WriterCounter.REQUESTS_KILLED);
                job.end(WriteState.KILLED, "killed after " + job.written() + " of " + request.images() + " images");
            } else {
                statistics.increment(WriterCounter.REQUESTS_SUCCEEDED);
                job.end(WriteState.SUCCEEDED, job.lost() == 0 ? null
                        : job.lost() + " images were overwritten in the buffer before they could be written");
            }
        } catch (IOException | RuntimeException e) {
            out.abort();
            String reason = describe(e);
            LOG.error("Write request {} for detector {} failed: {}", request.requestId(), detector, reason);
            statistics.increment(WriterCounter.REQUESTS_FAILED);
            job.end(WriteState.FAILED, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.abort();
            statistics.increment(WriterCounter.REQUESTS_FAILED);
            job.end(WriteState.FAILED, "the hub is shutting down");
        } finally {
            if (pipeline != null) {
                pipeline.discard();
            }
            active = null;
        }
    }

    /** An image read from the buffer and encoded, or (sequence &lt; 0) one the buffer had overwritten. */
    private record Encoded(ImageMetadata image, long sequence, SlotMetadata metadata, ByteBuffer chunk,
            ChunkEncoder encoder) {
    }

    /** Reads the image's slot and encodes its pixels with {@code encoder} (on any thread). */
    private Encoded encode(ImageMetadata image, ChunkEncoder encoder) {
        long sequence = buffer.beginRead(image.imageId());
        if (sequence < 0) {
            return new Encoded(image, sequence, null, null, encoder);
        }
        int slot = buffer.slotOf(image.imageId());
        SlotMetadata m = buffer.metadata(slot);
        return new Encoded(image, sequence, m, encoder.encode(buffer.pixels(slot).asReadOnlyBuffer()), encoder);
    }

    /**
     * Images being encoded on the compression pool, oldest first, at most two per thread; each task
     * has its own encoder (encoders keep their work buffers, and a chunk stays valid until its
     * encoder is used again), given back once the chunk is in the file. Memory: 2 x threads
     * encoders' buffers.
     */
    private final class Pipeline {

        private final ArrayDeque<Future<Encoded>> inFlight = new ArrayDeque<>();
        private final BlockingQueue<ChunkEncoder> encoders;
        private final int depth = 2 * compressionThreads;

        Pipeline(Compression compression) {
            encoders = new ArrayBlockingQueue<>(depth);
            for (int i = 0; i < depth; i++) {
                encoders.add(compression.encoder(pixelType.bytes()));
            }
        }

        int size() {
            return inFlight.size();
        }

        boolean full() {
            return inFlight.size() >= depth;
        }

        void submit(ImageMetadata image) {
            ChunkEncoder encoder = encoders.poll(); // never empty: at most depth in flight
            inFlight.add(compressors.submit(() -> encode(image, encoder)));
        }

        /** The oldest one, when its encoding is done. */
        Encoded next() throws IOException, InterruptedException {
            try {
                return inFlight.poll().get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IOException(e.getCause());
            }
        }

        void release(ChunkEncoder encoder) {
            encoders.offer(encoder);
        }

        /** Waits for what is still being encoded (a kill, a failure) and drops it. */
        void discard() {
            while (!inFlight.isEmpty()) {
                try {
                    inFlight.poll().get();
                } catch (ExecutionException | CancellationException e) {
                    // dropped anyway
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The request's files: the one being written, rotated every images_per_file images. */
    private final class Output {

        private final WriteJob job;
        private final Pipeline pipeline;
        private NxmxFileWriter file;
        private int index;

        Output(WriteJob job, Pipeline pipeline) {
            this.job = job;
            this.pipeline = pipeline;
        }

        Output ensureOpen() throws IOException {
            if (file == null) {
                file = open(job, index);
            }
            return this;
        }

        ChunkEncoder encoderOfFile() {
            return file::encode;
        }

        /** Appends an encoded image (and gives its encoder back to the pipeline, if it came from one). */
        void append(Encoded e) throws IOException {
            ensureOpen();
            long id = e.image().imageId();
            if (e.sequence() < 0) {
                file.appendLost(id);
                countLost();
            } else {
                SlotMetadata m = e.metadata();
                long before = file.storedBytes();
                file.append(e.chunk(), new ImageRecord(id, m.status().code(), m.frameNumber(), m.missingPackets(),
                        m.detectorTimestamp(), m.firstPacketNanos(), m.assembledNanos()));
                // The copy went straight from the shared buffer: if the slot was rewritten meanwhile, it is torn.
                if (!buffer.unchangedSince(id, e.sequence())) {
                    file.replaceLastWithLost();
                    countLost();
                } else {
                    long bytes = file.storedBytes() - before;
                    job.imageWritten(bytes);
                    statistics.increment(WriterCounter.IMAGES_WRITTEN);
                    statistics.add(WriterCounter.BYTES_WRITTEN, bytes);
                }
            }
            if (pipeline != null) {
                pipeline.release(e.encoder());
            }
            rotate();
        }

        /** An image the buffer overwrote before (or while) it was read. */
        private void countLost() {
            job.imageLost();
            statistics.increment(WriterCounter.IMAGES_LOST);
        }

        /**
         * The {@code k}-th frame between {@code before} and {@code after} never became an image:
         * zeros, status missing_packets with all its packets missing, its frame number, and its image
         * id between theirs (the frame number for Eiger; a Jungfrau's bunch ids step evenly with frames).
         */
        void placeholder(ImageMetadata before, ImageMetadata after, long k) throws IOException {
            ensureOpen();
            long frames = after.frameNumber() - before.frameNumber();
            long id = before.imageId() + (after.imageId() - before.imageId()) / frames * k;
            file.appendZeros(ImageRecord.neverAssembled(id, before.frameNumber() + k, packetsPerImage));
            job.imageMissing();
            statistics.increment(WriterCounter.IMAGES_MISSING);
            rotate();
        }

        private void rotate() throws IOException {
            WriteRequest request = job.request();
            if (file.images() == request.series().imagesIn(index, request.images())) {
                closeFile(file, job, index, false);
                file = null;
                index++;
            }
        }

        void close(boolean killed) throws IOException {
            if (file != null) {
                closeFile(file, job, index, killed);
                file = null;
            }
        }

        void abort() {
            if (file != null) {
                file.abort();
                file = null;
            }
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
                request.compression(), nxDetector, flusher);
        job.writing(target);
        return file;
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
        statistics.increment(WriterCounter.FILES_WRITTEN);
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
