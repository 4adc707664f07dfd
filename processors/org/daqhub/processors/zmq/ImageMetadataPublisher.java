package org.daqhub.processors.zmq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.processors.detector.ImageMetadata;
import org.daqhub.processors.detector.SingleWriterCounter;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Announces every image on a ZeroMQ PUB socket as one JSON message (std_daq's ImageMetadata
 * stream): subscribers that are slow or absent never hold the detector back. The socket is only
 * used under this object's lock, since ZeroMQ sockets are not thread-safe.
 */
public final class ImageMetadataPublisher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ZMQ.Socket socket;
    private final String endpoint;
    private final SingleWriterCounter sent = new SingleWriterCounter();

    public ImageMetadataPublisher(ZContext context, String bindEndpoint) {
        this.socket = context.createSocket(SocketType.PUB);
        socket.setSndHWM(100_000);
        socket.setLinger(0);
        socket.bind(bindEndpoint);
        this.endpoint = socket.getLastEndpoint();
    }

    public synchronized void publish(ImageMetadata image) {
        socket.send(encode(image), ZMQ.DONTWAIT);
        sent.increment();
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

    public long sent() {
        return sent.get();
    }

    @Override
    public synchronized void close() {
        socket.close();
    }
}
