package org.daqhub.processors.zmq;

import java.nio.ByteBuffer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.ImageStatus;
import org.daqhub.processors.buffer.SlotMetadata;
import org.daqhub.processors.receive.ImageMetadata;
import org.daqhub.processors.receive.ImageSink;
import org.daqhub.processors.stage.Stage;
import org.daqhub.processors.statistics.Counters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import zmq.Msg;
import zmq.SocketBase;

/**
 * {@code stream-recv}: fills this hub's image buffer from another hub's image stream, so buffer
 * replication is transparent to everything downstream: the same images land in the same slots
 * (for the same slot count) and the same metadata is announced. Messages that do not fit this
 * detector (wrong size, not JSON) are counted and dropped.
 */
public final class ImageStreamReceiver implements Runnable, Stage {

    private static final Logger LOG = LoggerFactory.getLogger(ImageStreamReceiver.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Images taken from the source hub, and messages refused as malformed. */
    enum ReceiverCounter {
        STREAM_IMAGES_RECEIVED, STREAM_MESSAGES_REJECTED
    }

    private final Counters<ReceiverCounter> statistics = Counters.singleWriter(ReceiverCounter.class);
    private final ZContext context;
    private final String connectEndpoint;
    private final ImageBuffer buffer;
    private final String detector;
    private volatile ImageSink sink;
    private volatile boolean running = true;
    private Thread thread;

    public ImageStreamReceiver(ZContext context, String connectEndpoint, ImageBuffer buffer, String detector) {
        this.context = context;
        this.connectEndpoint = connectEndpoint;
        this.buffer = buffer;
        this.detector = detector;
    }

    public void setSink(ImageSink sink) {
        this.sink = sink;
    }

    public void start() {
        thread = new Thread(this, detector + "-stream-recv");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        int hwm = ImageStreamSender.boundedHighWaterMark(1000, buffer.imageBytes());
        // A buffer for every message the socket may queue, the one being read and the one being copied.
        PixelArrayPool pool = new PixelArrayPool(buffer.imageBytes(), hwm + 2);
        try (ZMQ.Socket socket = context.createSocket(SocketType.PULL)) {
            socket.setRcvHWM(hwm);
            socket.setReceiveTimeOut(200);
            socket.setHandshakeIvl(2000); // see ImageMetadataPublisher
            socket.setMsgAllocator(pool);
            socket.connect(connectEndpoint);
            LOG.info("{}: receiving the image stream from {}", detector, connectEndpoint);
            SocketBase base = socket.base();
            while (running && !Thread.currentThread().isInterrupted()) {
                Msg meta = base.recv(0);
                if (meta == null) {
                    continue;
                }
                Msg pixels = meta.hasMore() ? base.recv(0) : null;
                for (Msg extra = pixels; extra != null && extra.hasMore();) {
                    extra = base.recv(0);
                }
                accept(meta.data(), pixels == null ? null : pixels.buf());
                if (pixels != null) {
                    pool.release(pixels);
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("{}: image stream receiver stopped", detector, e);
            }
        }
    }

    void accept(byte[] metaBytes, ByteBuffer pixels) {
        ImageMetadata image;
        try {
            image = parse(JSON.readTree(metaBytes));
        } catch (Exception e) {
            statistics.increment(ReceiverCounter.STREAM_MESSAGES_REJECTED);
            LOG.warn("{}: dropped an image stream message whose metadata is not valid: {}", detector, e.toString());
            return;
        }
        if (pixels == null || pixels.remaining() != buffer.imageBytes() || image.height() != buffer.height()
                || image.width() != buffer.width()) {
            statistics.increment(ReceiverCounter.STREAM_MESSAGES_REJECTED);
            LOG.warn("{}: dropped image {}: {} bytes of pixels, this buffer holds {} x {} images of {} bytes",
                    detector, image.imageId(), pixels == null ? 0 : pixels.remaining(), buffer.width(), buffer.height(),
                    buffer.imageBytes());
            return;
        }
        int slot = buffer.slotOf(image.imageId());
        buffer.beginWrite(slot);
        buffer.pixels(slot).put(pixels);
        buffer.endWrite(slot, new SlotMetadata(image.imageId(), image.frameNumber(), image.status(),
                image.modulesReceived(), image.missingPackets(), image.detectorTimestamp(), image.firstPacketNanos(),
                image.assembledNanos()));
        statistics.increment(ReceiverCounter.STREAM_IMAGES_RECEIVED);
        ImageSink target = sink;
        if (target != null) {
            // Announced under this hub's detector name (the same name as the source, for a true replica).
            target.onImage(new ImageMetadata(detector, image.imageId(), image.frameNumber(), image.height(),
                    image.width(), image.dtype(), image.status(), slot, image.modulesReceived(), image.modules(),
                    image.missingPackets(), image.detectorTimestamp(), image.firstPacketNanos(),
                    image.assembledNanos()));
        }
    }

    static ImageMetadata parse(JsonNode m) {
        JsonNode t = m.path("timestamps");
        ImageStatus status = null;
        for (ImageStatus s : ImageStatus.values()) {
            if (s.label().equals(m.path("status").asText())) {
                status = s;
            }
        }
        if (status == null || !m.path("image_id").isIntegralNumber()) {
            throw new IllegalArgumentException("missing image_id or unknown status");
        }
        return new ImageMetadata(m.path("detector").asText(), m.get("image_id").asLong(),
                m.path("frame_number").asLong(), m.path("height").asInt(), m.path("width").asInt(),
                m.path("dtype").asText(), status, m.path("slot").asInt(), m.path("modules_received").asInt(),
                m.path("modules").asInt(), m.path("missing_packets").asInt(), t.path("detector").asLong(),
                t.path("first_packet_ns").asLong(), t.path("assembled_ns").asLong());
    }

    public long imagesReceived() {
        return statistics.get(ReceiverCounter.STREAM_IMAGES_RECEIVED);
    }

    @Override
    public Counters<?> statistics() {
        return statistics;
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
