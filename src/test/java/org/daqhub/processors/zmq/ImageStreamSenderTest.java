package org.daqhub.processors.zmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.ImageStatus;
import org.daqhub.processors.buffer.SlotMetadata;
import org.daqhub.processors.receive.ImageMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** Every image on the stream carries its own pixels, however fast images follow each other. */
class ImageStreamSenderTest {

    private static final int H = 64;
    private static final int W = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * A PULL socket that the sender is known to reach: images sent before a connection is made are
     * dropped, so probe images (ids from 10,000) go out until one arrives; the rest are drained.
     */
    private static ZMQ.Socket connected(ZContext zmq, ImageStreamSender sender, LongFunction<ImageMetadata> probe) {
        ZMQ.Socket pull = zmq.createSocket(SocketType.PULL);
        pull.setReceiveTimeOut(100);
        // jeromq now and then leaves a fresh connection silent before its handshake: give it up
        // after 2 s and reconnect, as the hub's own sockets do, instead of waiting out 30 s
        pull.setHandshakeIvl(2000);
        pull.connect(sender.endpoint());
        long[] next = {10_000};
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
            sender.send(probe.apply(next[0]++));
            return pull.recv() != null;
        });
        while (pull.recv() != null) {
            // the rest of the probes
        }
        pull.setReceiveTimeOut(5000);
        return pull;
    }

    @Test
    void aBurstOfImagesArrivesEachWithItsOwnPixels() throws Exception {
        try (ImageBuffer buffer = ImageBuffer.create(dir.resolve("b"), "t", 512, H, W, 2, 2);
                ZContext zmq = new ZContext();
                ImageStreamSender sender = new ImageStreamSender(zmq, "tcp://127.0.0.1:*", buffer, 1000)) {
            ZMQ.Socket pull = connected(zmq, sender, id -> fill(buffer, id, H, W));
            // Bursts of 32: within the sender's queue of 64, so none is dropped; many are queued in
            // jeromq at once, which is when a shared pixel array got overwritten.
            for (long first = 1; first <= 400; first += 32) {
                for (long id = first; id < first + 32; id++) {
                    sender.send(fill(buffer, id, H, W));
                }
                for (long n = first; n < first + 32; n++) {
                    receiveOwnPixels(pull, sender, n, H * W);
                }
            }
        }
    }

    @Test
    void largeImagesReuseDirectBuffersAndEachKeepsItsOwnPixels() throws Exception {
        int h = 512;
        int w = 512;
        try (ImageBuffer buffer = ImageBuffer.create(dir.resolve("large"), "t", 64, h, w, 2, 2);
                ZContext zmq = new ZContext();
                ImageStreamSender sender = new ImageStreamSender(zmq, "tcp://127.0.0.1:*", buffer, 4)) {
            ZMQ.Socket pull = connected(zmq, sender, id -> fill(buffer, id, h, w));
            long before = sender.sentFromHeap();
            // Bursts of 4, each received before the next: the sender's 7 direct buffers (high-water
            // mark 4, plus 3) are reused over and over, and none may carry another image's pixels.
            for (long first = 1; first <= 200; first += 4) {
                for (long id = first; id < first + 4; id++) {
                    sender.send(fill(buffer, id, h, w));
                }
                for (long n = first; n < first + 4; n++) {
                    receiveOwnPixels(pull, sender, n, h * w);
                }
            }
            assertThat(sender.sentFromHeap() - before).as("images that found no free direct buffer").isZero();
        }
    }

    /**
     * Receives the next image and checks that its pixels are its own (the pattern of the id its
     * metadata names, at the last pixel and every 997th).
     */
    private static void receiveOwnPixels(ZMQ.Socket pull, ImageStreamSender sender, long expectedNth, int pixelCount)
            throws Exception {
        byte[] meta = pull.recv();
        assertThat(meta).as("image %d (dropped: %d)", expectedNth, sender.dropped()).isNotNull();
        long id = JSON.readTree(meta).get("image_id").asLong();
        ByteBuffer pixels = ByteBuffer.wrap(pull.recv()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(pixels.capacity()).isEqualTo(pixelCount * 2);
        for (int i = 0; i < pixelCount; i += 997) {
            assertThat(pixels.getShort(2 * i)).as("pixel %d of image %d", i, id).isEqualTo(pattern(id, i));
        }
        int last = pixelCount - 1;
        assertThat(pixels.getShort(2 * last)).as("last pixel of image %d", id).isEqualTo(pattern(id, last));
    }

    private static short pattern(long id, int pixel) {
        return (short) (id * 31 + pixel);
    }

    private static ImageMetadata fill(ImageBuffer buffer, long id, int h, int w) {
        int slot = buffer.slotOf(id);
        buffer.beginWrite(slot);
        ByteBuffer px = buffer.pixels(slot);
        for (int i = 0; i < h * w; i++) {
            px.putShort(i * 2, pattern(id, i));
        }
        buffer.endWrite(slot, new SlotMetadata(id, id, ImageStatus.GOOD, 1, 0, id, 1, 2));
        return new ImageMetadata("t", id, id, h, w, "uint16", ImageStatus.GOOD, slot, 1, 1, 0, id, 1, 2);
    }

    @Test
    void aConsumerThatLeavesWithImagesQueuedDoesNotMixTheNextConsumersImages() throws Exception {
        int h = 512;
        int w = 512;
        try (ImageBuffer buffer = ImageBuffer.create(dir.resolve("leave"), "t", 64, h, w, 2, 2);
                ZContext zmq = new ZContext();
                ImageStreamSender sender = new ImageStreamSender(zmq, "tcp://127.0.0.1:*", buffer, 4)) {
            ZMQ.Socket first = connected(zmq, sender, id -> fill(buffer, id, h, w));
            // Images queued for the first consumer (and partly written to it) when it goes away.
            for (long id = 1; id <= 12; id++) {
                sender.send(fill(buffer, id, h, w));
            }
            first.recv();
            zmq.destroySocket(first);

            ZMQ.Socket second = connected(zmq, sender, id -> fill(buffer, id, h, w));
            for (long id = 100; id < 160; id++) {
                sender.send(fill(buffer, id, h, w));
                receiveOwnPixels(second, sender, id, h * w);
            }
        }
    }
}
