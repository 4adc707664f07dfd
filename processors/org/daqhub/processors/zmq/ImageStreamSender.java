package org.daqhub.processors.zmq;

import java.nio.ByteBuffer;

import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.SlotMetadata;
import org.daqhub.processors.receive.ImageMetadata;
import org.daqhub.processors.stage.Stage;
import org.daqhub.processors.statistics.Counters;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The image stream for remote consumers and for buffer replication ({@code stream-send}): each
 * image as a two-part ZeroMQ message, metadata JSON then the raw pixels, on a PUSH socket owned by
 * its own thread ({@link SocketThread}), which copies the pixels out of the buffer into a reused
 * direct buffer ({@link OutgoingPixelBuffers}). PUSH queues up
 * to the high-water mark (bounded in bytes) while a consumer is slow; beyond it the socket thread
 * waits up to {@value #SEND_TIMEOUT_MS} ms and images wait in its bounded queue; only then are
 * images counted as not sent, never blocking assembly. Images the buffer overwrote before they
 * could be copied are counted too.
 */
public final class ImageStreamSender implements Stage {

    /**
     * At most this many bytes of images queued in the socket (2 MiB images: 32 of them). Each queued
     * image holds one of the sender's direct buffers, so this is also what the pool may grow to.
     */
    static final long MAX_QUEUED_BYTES = 64L * 1024 * 1024;
    static final int SEND_TIMEOUT_MS = 200;

    /** Images sent, dropped for a slow consumer, or overwritten in the buffer before they were sent. */
    enum StreamCounter {
        STREAM_SENT, STREAM_DROPPED_SLOW_CONSUMER, STREAM_OVERWRITTEN_BEFORE_SEND
    }

    private final Counters<StreamCounter> statistics = Counters.shared(StreamCounter.class);
    private final SocketThread socket;
    private final String endpoint;
    private final ImageBuffer buffer;
    private final OutgoingPixelBuffers pixelBuffers;

    public ImageStreamSender(ZContext context, String bindEndpoint, ImageBuffer buffer, int highWaterMark) {
        this.buffer = buffer;
        int hwm = boundedHighWaterMark(highWaterMark, buffer.imageBytes());
        // The socket's queue, the message being written, the last body the encoder took (in flight
        // until it takes the next) and one being filled.
        this.pixelBuffers = new OutgoingPixelBuffers(buffer.imageBytes(), hwm + 3);
        this.socket = new SocketThread("zmq-stream " + bindEndpoint, context, c -> {
            ZMQ.Socket push = c.createSocket(SocketType.PUSH);
            push.setSndHWM(hwm);
            // A full queue (slow consumer) holds the socket thread briefly, so that images wait in
            // its bounded queue rather than being dropped at once; a consumer stalled longer than
            // this loses images, counted, and never blocks assembly.
            push.setSendTimeOut(SEND_TIMEOUT_MS);
            push.setLinger(1000);
            push.setHandshakeIvl(2000); // see ImageMetadataPublisher
            return push;
        }, bindEndpoint, 64);
        this.endpoint = socket.endpoint();
    }

    /**
     * Hands the image to the socket thread; false (and counted as dropped) when its queue is full.
     * An image can still be dropped later, at the socket's high-water mark; that is counted too.
     */
    public boolean send(ImageMetadata image) {
        byte[] meta = ImageMetadataPublisher.encode(image);
        if (!socket.submit(push -> send(push, image.imageId(), meta))) {
            statistics.increment(StreamCounter.STREAM_DROPPED_SLOW_CONSUMER);
            return false;
        }
        return true;
    }

    private void send(ZMQ.Socket push, long imageId, byte[] meta) {
        ByteBuffer pixels = pixelBuffers.take();
        if (buffer.read(imageId, pixels) == null) {
            pixelBuffers.giveBack(pixels);
            statistics.increment(StreamCounter.STREAM_OVERWRITTEN_BEFORE_SEND);
            return;
        }
        if (!push.send(meta, ZMQ.SNDMORE)) {
            pixelBuffers.giveBack(pixels);
            statistics.increment(StreamCounter.STREAM_DROPPED_SLOW_CONSUMER);
            return;
        }
        push.sendMsg(pixelBuffers.message(pixels), 0);
        statistics.increment(StreamCounter.STREAM_SENT);
    }

    /**
     * The configured high-water mark, lowered so that the images it lets the socket queue stay
     * within {@link #MAX_QUEUED_BYTES}: 1,000 queued 2 MiB images would be 2 GB of memory.
     */
    static int boundedHighWaterMark(int configured, int imageBytes) {
        long byBytes = Math.max(2, MAX_QUEUED_BYTES / Math.max(1, imageBytes));
        return (int) Math.max(2, Math.min(configured, byBytes));
    }

    public String endpoint() {
        return endpoint;
    }

    public long sent() {
        return statistics.get(StreamCounter.STREAM_SENT);
    }

    /** Images sent from heap arrays because every direct buffer was queued (a slow consumer). */
    public long sentFromHeap() {
        return pixelBuffers.heapFallbacks();
    }

    public long dropped() {
        return statistics.get(StreamCounter.STREAM_DROPPED_SLOW_CONSUMER);
    }

    public long overwritten() {
        return statistics.get(StreamCounter.STREAM_OVERWRITTEN_BEFORE_SEND);
    }

    @Override
    public Counters<?> statistics() {
        return statistics;
    }

    @Override
    public void close() {
        socket.close();
    }
}
