package org.daqhub.processors.zmq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.processors.receive.ImageMetadata;
import org.daqhub.processors.stage.Stage;
import org.daqhub.processors.statistics.Counters;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Announces every image on a ZeroMQ PUB socket as one JSON message (std_daq's ImageMetadata
 * stream): subscribers that are slow or absent never hold the detector back. The message is
 * encoded by the caller and sent by the socket's own thread ({@link SocketThread}).
 */
public final class ImageMetadataPublisher implements Stage {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Announcements sent, and refused because the socket thread was 10,000 messages behind. */
    enum MetadataCounter {
        METADATA_SENT, METADATA_DROPPED_QUEUE_FULL
    }

    private final Counters<MetadataCounter> statistics = Counters.singleWriter(MetadataCounter.class);
    private final SocketThread socket;
    private final String endpoint;

    public ImageMetadataPublisher(ZContext context, String bindEndpoint) {
        this.socket = new SocketThread("zmq-metadata " + bindEndpoint, context, c -> {
            ZMQ.Socket pub = c.createSocket(SocketType.PUB);
            pub.setSndHWM(100_000);
            pub.setLinger(0);
            // A peer whose ZMTP handshake has not completed in 2 s is dropped and reconnects
            // (jeromq waits 30 s by default), so a stalled connection does not stay silent.
            pub.setHandshakeIvl(2000);
            return pub;
        }, bindEndpoint, 10_000);
        this.endpoint = socket.endpoint();
    }

    /** Called by one thread (the detector's assembler, through the route). */
    public void publish(ImageMetadata image) {
        byte[] message = encode(image);
        if (socket.submit(pub -> pub.send(message, ZMQ.DONTWAIT))) {
            statistics.increment(MetadataCounter.METADATA_SENT);
        } else {
            statistics.increment(MetadataCounter.METADATA_DROPPED_QUEUE_FULL);
        }
    }

    static byte[] encode(ImageMetadata image) {
        try {
            return JSON.writeValueAsBytes(image.toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("image metadata is always serialisable", e);
        }
    }

    /** The endpoint actually bound (with the port chosen when the configuration said *). */
    public String endpoint() {
        return endpoint;
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
