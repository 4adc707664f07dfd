package org.daqhub.processors.buffer;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A ring of image slots in a memory-mapped file (by default under /dev/shm), so other processes on
 * the node read images without copies. One writer (the image assembler), any number of readers.
 * The layout is documented in docs/detector.md ("Image buffer layout") for readers in other languages:
 *
 * <pre>
 * header, 4096 bytes, little-endian
 *   0  magic "DAQHUBIB"        8  layout version u32 (1)   12 header bytes u32 (4096)
 *   16 slot count u32          20 height u32               24 width u32
 *   28 bytes per pixel u32     32 pixel type u32 (1 uint8, 2 uint16, 3 uint32, 4 float32)
 *   36 slot metadata bytes u32 (64)                        40 data offset u64
 *   48 slot stride u64         56 detector name, 64 bytes UTF-8, zero padded
 * slot metadata, 64 bytes per slot, from offset 4096
 *   0  sequence u64 (odd while the slot is written, even when stable)
 *   8  image id u64            16 status u32 (0 empty, 1 good, 2 missing_packets, 3 id_mismatch)
 *   20 modules received u32    24 missing packets u32      28 reserved u32
 *   32 frame number u64        40 detector timestamp u64
 *   48 first packet (epoch ns) u64                          56 assembled (epoch ns) u64
 * pixels: slot i at data offset + i * stride, row-major, height x width
 * </pre>
 *
 * Slot = image id modulo slot count. A reader reads the sequence, then metadata and pixels, then
 * the sequence again: if the two differ, or are odd, the slot was being overwritten and the copy
 * is not to be trusted; the image id says which image the slot holds.
 */
public final class ImageBuffer implements AutoCloseable {

    public static final int HEADER_BYTES = 4096;
    public static final int SLOT_METADATA_BYTES = 64;
    public static final int LAYOUT_VERSION = 1;
    private static final byte[] MAGIC = "DAQHUBIB".getBytes(StandardCharsets.US_ASCII);
    private static final long MAX_MAPPING = 1L << 30;
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final int slots;
    private final int height;
    private final int width;
    private final int bytesPerPixel;
    private final int imageBytes;
    private final long stride;
    private final long dataOffset;
    private final FileChannel channel;
    private final MappedByteBuffer meta;
    private final MappedByteBuffer[] data;
    private final int slotsPerMapping;
    /** The lock of the process that created the file (null for a reader). */
    private BufferOwnership owner;

    private ImageBuffer(Path file, FileChannel channel, int slots, int height, int width, int bytesPerPixel,
            boolean create, int pixelType, String detector) throws IOException {
        this.file = file;
        this.channel = channel;
        this.slots = slots;
        this.height = height;
        this.width = width;
        this.bytesPerPixel = bytesPerPixel;
        this.imageBytes = Math.multiplyExact(Math.multiplyExact(height, width), bytesPerPixel);
        this.stride = (imageBytes + 4095L) & ~4095L;
        this.dataOffset = align(HEADER_BYTES + (long) slots * SLOT_METADATA_BYTES);
        this.slotsPerMapping = (int) Math.max(1, Math.min(slots, MAX_MAPPING / stride));
        FileChannel.MapMode mode = create ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY;
        this.meta = channel.map(mode, 0, dataOffset);
        meta.order(ByteOrder.LITTLE_ENDIAN);
        int mappings = (slots + slotsPerMapping - 1) / slotsPerMapping;
        this.data = new MappedByteBuffer[mappings];
        for (int m = 0; m < mappings; m++) {
            int first = m * slotsPerMapping;
            int count = Math.min(slotsPerMapping, slots - first);
            data[m] = channel.map(mode, dataOffset + first * stride, count * stride);
            data[m].order(ByteOrder.LITTLE_ENDIAN);
        }
        if (create) {
            meta.put(0, MAGIC);
            meta.putInt(8, LAYOUT_VERSION);
            meta.putInt(12, HEADER_BYTES);
            meta.putInt(16, slots);
            meta.putInt(20, height);
            meta.putInt(24, width);
            meta.putInt(28, bytesPerPixel);
            meta.putInt(32, pixelType);
            meta.putInt(36, SLOT_METADATA_BYTES);
            meta.putLong(40, dataOffset);
            meta.putLong(48, stride);
            byte[] name = detector.getBytes(StandardCharsets.UTF_8);
            meta.put(56, name, 0, Math.min(name.length, 63));
        }
    }

    /** Bytes of the buffer file of {@code slots} images: header, slot metadata, pixels in 4 KiB pages. */
    public static long fileBytes(int slots, int height, int width, int bytesPerPixel) {
        return align(HEADER_BYTES + (long) slots * SLOT_METADATA_BYTES)
                + (long) slots * ((Math.multiplyExact((long) height * width, bytesPerPixel) + 4095L) & ~4095L);
    }

    /**
     * Creates (or re-creates, emptied) the buffer file for a detector, owned by this process: its
     * {@link BufferOwnership lock} is taken first, so a second hub given the same path is refused
     * instead of deleting the first one's file; a file left by a hub that died is replaced.
     */
    public static ImageBuffer create(Path file, String detector, int slots, int height, int width, int bytesPerPixel,
            int pixelType) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        BufferOwnership owner = BufferOwnership.acquire(file);
        try {
            Files.deleteIfExists(file);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long size = fileBytes(slots, height, width, bytesPerPixel);
            channel.write(ByteBuffer.wrap(new byte[] {0}), size - 1);
            ImageBuffer buffer = new ImageBuffer(file, channel, slots, height, width, bytesPerPixel, true, pixelType,
                    detector);
            buffer.owner = owner;
            try {
                buffer.touchAllPages();
            } catch (InternalError fault) {
                // SIGBUS: the file system (a full tmpfs) could not give the file its pages
                buffer.delete();
                throw new IOException("the file system of " + file + " ran out of room for the image buffer ("
                        + size / (1024 * 1024) + " MiB)", fault);
            }
            return buffer;
        } catch (IOException | RuntimeException e) {
            owner.release();
            throw e;
        }
    }

    /**
     * Writes one byte of every page, so the RAM is committed now: otherwise the first pass through
     * the ring page-faults on every 4 KiB while images arrive, stalling assembly and losing frames.
     */
    private void touchAllPages() {
        for (MappedByteBuffer mapping : data) {
            for (int i = 0; i < mapping.capacity(); i += 4096) {
                mapping.put(i, (byte) 0);
            }
        }
    }

    /** Opens an existing buffer read-only, as another process would. */
    public static ImageBuffer openReadOnly(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        ByteBuffer header = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(header, 0);
        byte[] magic = new byte[8];
        header.get(0, magic);
        if (!java.util.Arrays.equals(magic, MAGIC) || header.getInt(8) != LAYOUT_VERSION) {
            channel.close();
            throw new IOException(file + " is not a DAQ Hub image buffer of layout version " + LAYOUT_VERSION);
        }
        return new ImageBuffer(file, channel, header.getInt(16), header.getInt(20), header.getInt(24),
                header.getInt(28), false, header.getInt(32), "");
    }

    public int slotOf(long imageId) {
        return (int) Long.remainderUnsigned(imageId, slots);
    }

    /** The pixels of a slot, as a writable view (writer side). Call between begin and end. */
    public ByteBuffer pixels(int slot) {
        int m = slot / slotsPerMapping;
        int offset = (int) ((slot - (long) m * slotsPerMapping) * stride);
        return data[m].slice(offset, imageBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Marks the slot as being written (sequence odd): readers will discard what they read now. */
    public void beginWrite(int slot) {
        int at = metaOffset(slot);
        long seq = (long) LONGS.getVolatile(meta, at);
        LONGS.setVolatile(meta, at, (seq | 1L) == seq ? seq + 2 : seq + 1);
    }

    /** Records the slot's metadata and publishes it (sequence even again). */
    public void endWrite(int slot, SlotMetadata m) {
        int at = metaOffset(slot);
        meta.putLong(at + 8, m.imageId());
        meta.putInt(at + 16, m.status().code());
        meta.putInt(at + 20, m.modulesReceived());
        meta.putInt(at + 24, m.missingPackets());
        meta.putLong(at + 32, m.frameNumber());
        meta.putLong(at + 40, m.detectorTimestamp());
        meta.putLong(at + 48, m.firstPacketNanos());
        meta.putLong(at + 56, m.assembledNanos());
        long seq = (long) LONGS.getVolatile(meta, at);
        LONGS.setRelease(meta, at, seq + 1);
    }

    /**
     * Copies a slot's pixels into {@code into} (at its position) if the slot holds {@code imageId}
     * and is not overwritten during the copy. Returns the metadata, or null if the slot holds
     * another image or changed while being read.
     */
    public SlotMetadata read(long imageId, ByteBuffer into) {
        int slot = slotOf(imageId);
        int at = metaOffset(slot);
        long before = (long) LONGS.getAcquire(meta, at);
        if ((before & 1L) != 0) {
            return null;
        }
        SlotMetadata m = metadataAt(at);
        if (m.imageId() != imageId || m.status() == ImageStatus.EMPTY) {
            return null;
        }
        if (into != null) {
            into.put(pixels(slot).asReadOnlyBuffer());
        }
        VarHandle.acquireFence();
        long after = (long) LONGS.getAcquire(meta, at);
        return before == after ? m : null;
    }

    /**
     * Starts a zero-copy read of {@code imageId}: answers the slot's sequence if the slot holds that
     * image and is not being written, else -1. Read {@link #metadata} and {@link #pixels} of the slot,
     * then ask {@link #unchangedSince} whether what was read can be trusted.
     */
    public long beginRead(long imageId) {
        int at = metaOffset(slotOf(imageId));
        long seq = (long) LONGS.getAcquire(meta, at);
        if ((seq & 1L) != 0 || meta.getLong(at + 8) != imageId || meta.getInt(at + 16) == ImageStatus.EMPTY.code()) {
            return -1;
        }
        return seq;
    }

    /** True if the slot of {@code imageId} was not rewritten since {@link #beginRead} answered {@code sequence}. */
    public boolean unchangedSince(long imageId, long sequence) {
        VarHandle.acquireFence();
        return (long) LONGS.getAcquire(meta, metaOffset(slotOf(imageId))) == sequence;
    }

    /** The metadata of a slot as it is now (may be changing: for status pages, not for copies). */
    public SlotMetadata metadata(int slot) {
        return metadataAt(metaOffset(slot));
    }

    private SlotMetadata metadataAt(int at) {
        return new SlotMetadata(meta.getLong(at + 8), meta.getLong(at + 32), ImageStatus.ofCode(meta.getInt(at + 16)),
                meta.getInt(at + 20), meta.getInt(at + 24), meta.getLong(at + 40), meta.getLong(at + 48),
                meta.getLong(at + 56));
    }

    private static int metaOffset(int slot) {
        return HEADER_BYTES + slot * SLOT_METADATA_BYTES;
    }

    private static long align(long n) {
        return (n + 4095L) & ~4095L;
    }

    public Path file() {
        return file;
    }

    public int slots() {
        return slots;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int bytesPerPixel() {
        return bytesPerPixel;
    }

    public int imageBytes() {
        return imageBytes;
    }

    @Override
    public void close() throws IOException {
        channel.close();
        if (owner != null) {
            owner.release();
        }
    }

    /** Closes the buffer and removes its file (and its lock file): a clean stop of the hub that created it. */
    public void delete() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
        if (owner != null) {
            owner.releaseAndDelete();
        }
    }
}
