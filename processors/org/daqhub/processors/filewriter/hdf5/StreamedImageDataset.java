package org.daqhub.processors.filewriter.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.jhdf.AbstractWritableNode;
import io.jhdf.Constants;
import io.jhdf.Superblock;
import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.NodeType;
import io.jhdf.api.WritableDataset;
import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.indexing.ChunkImpl;
import io.jhdf.dataset.chunked.indexing.FixedArrayIndexWriter;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.message.AttributeInfoMessage;
import io.jhdf.object.message.AttributeMessage;
import io.jhdf.object.message.DataLayout;
import io.jhdf.object.message.DataLayoutMessage;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessageV4;
import io.jhdf.object.message.DataLayoutMessage.ContiguousDataLayoutMessage;
import io.jhdf.object.message.DataSpace;
import io.jhdf.object.message.DataSpaceMessage;
import io.jhdf.object.message.DataTypeMessage;
import io.jhdf.object.message.FillValueMessage;
import io.jhdf.object.message.FilterPipelineMessage;
import io.jhdf.object.message.FilterPipelineMessage.FilterInfo;
import io.jhdf.object.message.Message;
import io.jhdf.storage.HdfFileChannel;

/**
 * The image stack {@code [n, height, width]}, chunked one image per chunk, whose chunks were
 * written to the file as the images arrived (see {@link NxmxFileWriter}). At close jhdf asks it to
 * write itself: only the object header and the chunk index are written then, pointing at the
 * chunks already on disk. jhdf's own datasets keep all their data in memory until close and are
 * capped at 2 GiB; this one holds 24 bytes per image.
 */
final class StreamedImageDataset extends AbstractWritableNode implements WritableDataset {

    private static final Superblock LAYOUT = new Superblock.SuperblockV2V3();

    private final DataType dataType;
    private final int height;
    private final int width;
    private final List<FilterInfo> filters;
    private final List<Chunk> chunks = new ArrayList<>();
    private long storedBytes;

    StreamedImageDataset(Group parent, String name, DataType dataType, int height, int width,
            List<FilterInfo> filters) {
        super(parent, name);
        this.dataType = dataType;
        this.height = height;
        this.width = width;
        this.filters = filters;
    }

    /** Records that image {@code chunks().size()} is stored at {@code address}, {@code size} bytes. */
    void addChunk(long address, int size) {
        chunks.add(new ChunkImpl(address, size, new long[] {chunks.size(), 0, 0}));
        storedBytes += size;
    }

    void removeLastChunk() {
        Chunk last = chunks.remove(chunks.size() - 1);
        storedBytes -= last.getSize();
    }

    int images() {
        return chunks.size();
    }

    private int imageBytes() {
        return height * width * dataType.getSize();
    }

    @Override
    public long write(HdfFileChannel channel, long position) {
        List<Message> messages = new ArrayList<>();
        messages.add(DataTypeMessage.create(dataType));
        messages.add(DataSpaceMessage.create(dataSpace()));
        messages.add(FillValueMessage.NO_FILL);
        if (!filters.isEmpty()) {
            messages.add(FilterPipelineMessage.create(filters));
        }
        // The index follows the header, whose size is found with a placeholder of the same length.
        int layoutAt = messages.size();
        messages.add(layout(Constants.UNDEFINED_ADDRESS));
        if (!getAttributes().isEmpty()) {
            messages.add(AttributeInfoMessage.create());
            for (Map.Entry<String, Attribute> a : getAttributes().entrySet()) {
                messages.add(AttributeMessage.create(a.getKey(), a.getValue()));
            }
        }
        long indexAddress = position + new io.jhdf.ObjectHeader.ObjectHeaderV2(position, messages).toBuffer().limit();
        long end = indexAddress;
        if (chunks.size() > 1) {
            ByteBuffer index = FixedArrayIndexWriter.createFixedArray(chunks, indexAddress, imageBytes(),
                    !filters.isEmpty(), pageBits());
            end += index.remaining();
            writeFully(channel, index, indexAddress);
        }
        messages.set(layoutAt, layout(indexAddress));
        writeFully(channel, new io.jhdf.ObjectHeader.ObjectHeaderV2(position, messages).toBuffer(), position);
        return end;
    }

    private DataLayoutMessage layout(long indexAddress) {
        int[] chunkDims = {1, height, width, dataType.getSize()};
        if (chunks.isEmpty()) {
            return ContiguousDataLayoutMessage.create(Constants.UNDEFINED_ADDRESS, 0);
        }
        if (chunks.size() == 1) {
            Chunk only = chunks.get(0);
            return filters.isEmpty() ? ChunkedDataLayoutMessageV4.createSingleChunk(only.getAddress(), chunkDims)
                    : ChunkedDataLayoutMessageV4.createFilteredSingleChunk(only.getAddress(), chunkDims, only.getSize());
        }
        return ChunkedDataLayoutMessageV4.createFixedArray(indexAddress, chunkDims, pageBits());
    }

    /** Large enough for the index to be one unpaged block, at least HDF5's default of 10. */
    private int pageBits() {
        int needed = 32 - Integer.numberOfLeadingZeros(chunks.size() - 1);
        return Math.max(10, needed);
    }

    private DataSpace dataSpace() {
        // DataSpace has no public constructor for given dimensions: build its encoded form and read it.
        ByteBuffer b = ByteBuffer.allocate(4 + 3 * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 2).put((byte) 3).put((byte) 0).put((byte) 1);
        b.putLong(chunks.size()).putLong(height).putLong(width).flip();
        return DataSpace.readDataSpace(b, LAYOUT);
    }

    private static void writeFully(HdfFileChannel channel, ByteBuffer buffer, long address) {
        while (buffer.hasRemaining()) {
            address += channel.write(buffer, address);
        }
    }

    // What jhdf's Dataset interface asks of a node it only writes.

    @Override
    public long getSize() {
        return (long) chunks.size() * height * width;
    }

    @Override
    public long getSizeInBytes() {
        return getSize() * dataType.getSize();
    }

    @Override
    public long getStorageInBytes() {
        return storedBytes;
    }

    @Override
    public int[] getDimensions() {
        return new int[] {chunks.size(), height, width};
    }

    @Override
    public long[] getDimensionsAsLong() {
        return new long[] {chunks.size(), height, width};
    }

    @Override
    public boolean isScalar() {
        return false;
    }

    @Override
    public boolean isEmpty() {
        return chunks.isEmpty();
    }

    @Override
    public boolean isCompound() {
        return false;
    }

    @Override
    public boolean isVariableLength() {
        return false;
    }

    @Override
    public long[] getMaxSize() {
        return getDimensionsAsLong();
    }

    @Override
    public DataLayout getDataLayout() {
        return DataLayout.CHUNKED;
    }

    @Override
    public Object getData() {
        throw new UnsupportedOperationException("the image stack is written, not read, here");
    }

    @Override
    public Object getDataFlat() {
        throw new UnsupportedOperationException("the image stack is written, not read, here");
    }

    @Override
    public Object getData(long[] sliceOffset, int[] sliceDimensions) {
        throw new UnsupportedOperationException("the image stack is written, not read, here");
    }

    @Override
    public Class<?> getJavaType() {
        return dataType.getJavaType();
    }

    @Override
    public DataType getDataType() {
        return dataType;
    }

    @Override
    public Object getFillValue() {
        return null;
    }

    @Override
    public List<PipelineFilterWithData> getFilters() {
        return List.of();
    }

    @Override
    public NodeType getType() {
        return NodeType.DATASET;
    }

    @Override
    public boolean isGroup() {
        return false;
    }

    @Override
    public long getAddress() {
        return 0;
    }

    @Override
    public boolean isLink() {
        return false;
    }

    @Override
    public boolean isAttributeCreationOrderTracked() {
        return false;
    }
}
