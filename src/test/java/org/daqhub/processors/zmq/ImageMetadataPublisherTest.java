package org.daqhub.processors.zmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.processors.buffer.ImageStatus;
import org.daqhub.processors.receive.ImageMetadata;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The metadata PUB socket, published from another thread than the one that created it. */
class ImageMetadataPublisherTest {

    @Test
    void subscriberReceivesTheJsonOfEachImage() throws Exception {
        try (ZContext zmq = new ZContext();
                ImageMetadataPublisher publisher = new ImageMetadataPublisher(zmq, "tcp://127.0.0.1:*");
                ZMQ.Socket sub = zmq.createSocket(SocketType.SUB)) {
            sub.subscribe(new byte[0]);
            sub.setReceiveTimeOut(50);
            sub.connect(publisher.endpoint());
            byte[] got = null;
            int attempts = 0;
            while (got == null && attempts < 200) {
                long id = attempts++;
                Thread t = new Thread(() -> publisher.publish(image(id)));
                t.start();
                t.join();
                got = sub.recv();
            }
            assertThat(got).as("a message within 200 attempts").isNotNull();
            System.out.println("first message after " + attempts + " publishes");
            JsonNode json = new ObjectMapper().readTree(got);
            assertThat(json.get("detector").asText()).isEqualTo("d");
            assertThat(json.get("status").asText()).isEqualTo("good");
            assertThat(json.at("/timestamps/assembled_ns").asLong()).isEqualTo(3);
        }
    }

    @Test
    void aLaterSubscriberReceivesAfterAnEarlierOneLeft() throws Exception {
        try (ZContext zmq = new ZContext(2);
                ImageMetadataPublisher publisher = new ImageMetadataPublisher(zmq, "tcp://127.0.0.1:*")) {
            for (int round = 0; round < 3; round++) {
                assertThat(receivesWithin(publisher, 3)).as("round %d", round).isTrue();
            }
        }
    }

    /**
     * Whether a new subscriber gets an announcement. jeromq 0.6.0 now and then leaves a fresh TCP
     * connection silent (connected, no handshake; seen in 1 of several runs); a silent connection is
     * replaced, as the ZeroMQ guide advises, up to {@code connections} times.
     */
    private static boolean receivesWithin(ImageMetadataPublisher publisher, int connections) {
        for (int c = 0; c < connections; c++) {
            try (ZContext client = new ZContext(); ZMQ.Socket sub = client.createSocket(SocketType.SUB)) {
                sub.subscribe(new byte[0]);
                sub.setReceiveTimeOut(50);
                sub.connect(publisher.endpoint());
                for (int attempt = 0; attempt < 40; attempt++) {
                    publisher.publish(image(attempt));
                    if (sub.recv() != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static ImageMetadata image(long id) {
        return new ImageMetadata("d", id, id, 2, 3, "uint16", ImageStatus.GOOD, 0, 1, 1, 0, 1, 2, 3);
    }
}
