package org.daqhub.processors.zmq;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.SlotMetadata;
import org.daqhub.processors.detector.ImageMetadata;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The image stream for remote consumers and for buffer replication ({@code stream-send}): each
 * image as a two-part ZeroMQ message, metadata JSON then the raw pixels, on a PUSH socket owned by
 * its own thread ({@link SocketThread}), which copies the pixels out of the buffer. PUSH queues up
 * to the high-water mark while a consumer is slow, then images are counted as not sent rather than
 * blocking assembly; images the buffer overwrote before they could be copied are counted too.
 */
public final class ImageStreamSender implements AutoCloseable {

    private final SocketThread socket;
    private final String endpoint;
    private final ImageBuffer buffer;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong overwritten = new AtomicLong();

    public ImageStreamSender(ZContext context, String bindEndpoint, ImageBuffer buffer, int highWaterMark) {
        this.buffer = buffer;
        this.socket = new SocketThread("zmq-stream " + bindEndpoint, context, c -> {
            ZMQ.Socket push = c.createSocket(SocketType.PUSH);
            push.setSndHWM(highWaterMark);
            push.setLinger(1000);
            push.setHandshakeIvl(2000); // see ImageMetadataPublisher
            return push;
        }, bindEndpoint, 64);
        this.endpoint = socket.endpoint();
    }

    public void send(ImageMetadata image) {
        byte[] meta = ImageMetadataPublisher.encode(image);
        if (!socket.submit(push -> send(push, image.imageId(), meta))) {
            dropped.incrementAndGet();
        }
    }

    private void send(ZMQ.Socket push, long imageId, byte[] meta) {
        // A fresh array per image: jeromq keeps a reference to the array until its I/O thread has
        // written the message, so reusing one array let a later image's pixels overwrite a queued one.
        byte[] pixels = new byte[buffer.imageBytes()];
        if (buffer.read(imageId, ByteBuffer.wrap(pixels)) == null) {
            overwritten.incrementAndGet();
            return;
        }
        if (!push.send(meta, ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
            dropped.incrementAndGet();
            return;
        }
        push.send(pixels, 0);
        sent.incrementAndGet();
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
    public void close() {
        socket.close();
    }
}
