package org.daqhub.processors.filewriter.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import io.jhdf.WritableGroupImpl;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import io.jhdf.object.datatype.DataType;
import io.jhdf.storage.HdfFileChannel;

import org.daqhub.processors.receive.PixelType;
import org.daqhub.processors.io.DurableFiles;
import org.daqhub.processors.io.SafeFiles;
import org.daqhub.processors.io.WriteBehind;

/**
 * Writes one NeXus/NXmx HDF5 file image by image, with memory bounded whatever the number of
 * images: each image is one chunk, written to disk when it arrives, from byte 4096 on. The group
 * tree (written by jhdf), the chunk index and the superblock follow at {@link #close}, after the
 * chunks. Until then the file has a hidden temporary name ({@code .<name>.part}); close fsyncs it and
 * renames it into place, so a file under its final name is always complete, and a crash leaves at
 * most one {@code .part} file behind.
 *
 * <pre>
 * /entry                         NXentry: definition, start_time, end_time; attributes: request
 * /entry/data                    NXdata, signal = data
 * /entry/data/data               [n, height, width], the buffer's dtype, chunk = one image
 * /entry/data/image_id ...       per image: image_id, image_status, frame_number, missing_packets,
 *                                detector_timestamp, first_packet_ns, assembled_ns
 * /entry/instrument/detector     NXdetector: the detector's definition
 * </pre>
 */
public final class NxmxFileWriter implements AutoCloseable {

    private static final DatasetCreationOptions UNSIGNED = DatasetCreationOptions.builder().unsigned().build();

    /** Chunks start here: room for the superblock, and page-aligned writes. */
    static final long DATA_START = 4096;

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final WriteBehind writeBehind;
    private final int imageBytes;
    private final ChunkEncoder encoder;
    private final ByteBuffer zeros;
    private final WritableGroupImpl root = new WritableGroupImpl(null, "/");
    private final WritableGroup entry;
    private final WritableGroup data;
    private final StreamedImageDataset images;
    private final ImageRecords records = new ImageRecords();
    private final String startTime;
    private long position = DATA_START;
    private long lastChunkAddress = -1;
    private boolean closed;

    /**
     * Creates the temporary file next to {@code target} (which must not exist yet).
     *
     * @param detector fields of the NXdetector group (strings and numbers)
     */
    public NxmxFileWriter(Path target, PixelType pixelType, int height, int width, Compression compression,
            Map<String, Object> detector) throws IOException {
        this(target, pixelType, height, width, compression, detector, null);
    }

    /** @param flusher runs the write-behind flushes ({@link WriteBehind}); null: the closing fsync only */
    public NxmxFileWriter(Path target, PixelType pixelType, int height, int width, Compression compression,
            Map<String, Object> detector, java.util.concurrent.Executor flusher) throws IOException {
        this.target = target;
        this.temp = temporaryFile(target);
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(target + " exists already; the writer never overwrites a file");
        }
        // Never through a link planted at the temporary name; a leftover of a crash is replaced.
        this.channel = SafeFiles.createExclusively(temp, false);
        this.writeBehind = new WriteBehind(channel, WriteBehind.DEFAULT_BYTES, flusher);
        this.imageBytes = height * width * pixelType.bytes();
        this.encoder = compression.encoder(pixelType.bytes());
        this.zeros = ByteBuffer.allocateDirect(imageBytes);
        this.startTime = Instant.now().toString();

        root.putAttribute("file_name", target.getFileName().toString());
        root.putAttribute("creator", "DAQ Hub");
        entry = root.putGroup("entry");
        entry.putAttribute("NX_class", "NXentry");
        entry.putDataset("definition", "NXmx");
        data = entry.putGroup("data");
        data.putAttribute("NX_class", "NXdata");
        data.putAttribute("signal", "data");
        images = new StreamedImageDataset(data, "data", dataType(pixelType), height, width,
                compression.filters(pixelType.bytes()));
        images.putAttribute("compression", compression.label());
        data.putDataset("data", images);
        WritableGroup instrument = entry.putGroup("instrument");
        instrument.putAttribute("NX_class", "NXinstrument");
        WritableGroup det = instrument.putGroup("detector");
        det.putAttribute("NX_class", "NXdetector");
        detector.forEach(det::putDataset);
    }

    /** Where {@code target} is written until it is closed: hidden, beside it. */
    public static Path temporaryFile(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".part");
    }

    private static DataType dataType(PixelType type) {
        return switch (type) {
            case UINT8 -> DataType.fromObject(new byte[1], true);
            case UINT16 -> DataType.fromObject(new short[1], true);
            case UINT32 -> DataType.fromObject(new int[1], true);
            case FLOAT32 -> DataType.fromObject(new float[1]);
        };
    }

    /** Bytes of one image before compression. */
    public int imageBytes() {
        return imageBytes;
    }

    public int images() {
        return records.size();
    }

    /** Bytes of image chunks on disk so far (after compression). */
    public long storedBytes() {
        return position - DATA_START;
    }

    public Path target() {
        return target;
    }

    /**
     * Encodes the image (position to limit of {@code pixels}, {@link #imageBytes()} bytes) into its
     * chunk. With no compression the answer is {@code pixels} itself, so the image goes from the
     * memory-mapped buffer to the file with no copy.
     */
    public ByteBuffer encode(ByteBuffer pixels) {
        if (pixels.remaining() != imageBytes) {
            throw new IllegalArgumentException("image of " + pixels.remaining() + " bytes, expected " + imageBytes);
        }
        return encoder.encode(pixels);
    }

    /** Appends an encoded chunk (from {@link #encode}) and its record. */
    public void append(ByteBuffer chunk, ImageRecord record) throws IOException {
        int size = chunk.remaining();
        long at = position;
        ByteBuffer b = chunk.duplicate();
        while (b.hasRemaining()) {
            at += channel.write(b, at);
        }
        images.addChunk(position, size);
        records.add(record);
        lastChunkAddress = position;
        position += size;
        writeBehind.written(size);
    }

    /** Appends an image the writer could not read: zero pixels, status {@link ImageRecord#LOST}. */
    public void appendLost(long imageId) throws IOException {
        appendZeros(ImageRecord.lost(imageId));
    }

    /** Zeros for the pixels, with {@code record}: an image that is in the file only as its place. */
    public void appendZeros(ImageRecord record) throws IOException {
        append(encoder.encode(zeros.duplicate()), record);
    }

    /**
     * Takes back the last appended image and stores it as lost instead: for an image that the buffer
     * overwrote while it was being copied to the file.
     */
    public void replaceLastWithLost() throws IOException {
        long imageId = records.imageIds()[records.size() - 1];
        images.removeLastChunk();
        records.removeLast();
        position = lastChunkAddress;
        appendLost(imageId);
    }

    /**
     * Writes the group tree and the per-image datasets after the chunks, then the superblock; fsyncs
     * and renames the file into place. {@code attributes} go on /entry (request id, counts...).
     */
    public Path close(Map<String, Object> attributes) throws IOException {
        closed = true;
        try (channel) {
            attributes.forEach(entry::putAttribute);
            entry.putDataset("start_time", startTime);
            entry.putDataset("end_time", Instant.now().toString());
            if (records.size() > 0) { // jhdf cannot write empty arrays
                writeRecords();
            }
            HdfFileChannel hdf = new HdfFileChannel(channel, new io.jhdf.Superblock.SuperblockV2V3());
            long rootAddress = position;
            long end = root.write(hdf, rootAddress);
            ByteBuffer superblock = Hdf5Superblock.encode(end, rootAddress);
            while (superblock.hasRemaining()) {
                channel.write(superblock, superblock.position());
            }
            channel.truncate(end);
            writeBehind.awaitIdle();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        DurableFiles.moveIntoPlace(temp, target, false);
        return target;
    }

    /**
     * The per-image records, with the unsigned types docs/writer.md documents (as std_daq's ids and
     * statuses are): a lost image's status 255 reads as 255, not -1. The epoch nanoseconds are int64.
     */
    private void writeRecords() {
        data.putDataset("image_id", records.imageIds(), UNSIGNED);
        data.putDataset("image_status", records.statuses(), UNSIGNED);
        data.putDataset("frame_number", records.frameNumbers(), UNSIGNED);
        data.putDataset("missing_packets", records.missingPackets(), UNSIGNED);
        data.putDataset("detector_timestamp", records.detectorTimestamps(), UNSIGNED);
        data.putDataset("first_packet_ns", records.firstPacketNanos());
        data.putDataset("assembled_ns", records.assembledNanos());
    }

    /** Abandons the file: closes and deletes the temporary file (used when the disk fails). */
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        writeBehind.awaitIdle();
        DurableFiles.discard(channel, temp);
    }

    @Override
    public void close() {
        abort();
    }
}
