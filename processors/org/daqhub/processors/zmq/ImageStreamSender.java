package org.daqhub.processors.zmq;

import java.nio.ByteBuffer;

import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.SlotMetadata;
import org.daqhub.processors.detector.ImageMetadata;
import org.daqhub.processors.detector.SingleWriterCounter;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The image stream for remote consumers and for buffer replication ({@code stream-send}): each
 * image as a two-part ZeroMQ message, metadata JSON then the raw pixels, on a PUSH socket. PUSH
 * queues up to the high-water mark while a consumer is slow, then the image is counted as not
 * sent rather than blocking assembly. Images overwritten in the buffer before they could be copied
 * are counted too.
 */
public final class ImageStreamSender implements AutoCloseable {

    private final ZMQ.Socket socket;
    private final String endpoint;
    private final ImageBuffer buffer;
    private final ByteBuffer scratch;
    private final byte[] pixels;
    private final SingleWriterCounter sent = new SingleWriterCounter();
    private final SingleWriterCounter dropped = new SingleWriterCounter();
    private final SingleWriterCounter overwritten = new SingleWriterCounter();

    public ImageStreamSender(ZContext context, String bindEndpoint, ImageBuffer buffer, int highWaterMark) {
        this.buffer = buffer;
        this.socket = context.createSocket(SocketType.PUSH);
        socket.setSndHWM(highWaterMark);
        socket.setLinger(1000);
        socket.bind(bindEndpoint);
        this.endpoint = socket.getLastEndpoint();
        this.pixels = new byte[buffer.imageBytes()];
        this.scratch = ByteBuffer.wrap(pixels);
    }

    public synchronized void send(ImageMetadata image) {
        scratch.clear();
        SlotMetadata meta = buffer.read(image.imageId(), scratch);
        if (meta == null) {
            overwritten.increment();
            return;
        }
        if (!socket.send(ImageMetadataPublisher.encode(image), ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
            dropped.increment();
            return;
        }
        socket.send(pixels, 0);
        sent.increment();
    }

    public String endpoint() {
        return endpoint;
    }

    public long sent() {
        return sent.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public long overwritten() {
        return overwritten.get();
    }

    @Override
    public synchronized void close() {
        socket.close();
    }
}
