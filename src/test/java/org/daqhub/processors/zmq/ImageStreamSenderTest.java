package org.daqhub.processors.zmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.ImageStatus;
import org.daqhub.processors.buffer.SlotMetadata;
import org.daqhub.processors.detector.ImageMetadata;
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

    private static ImageMetadata put(ImageBuffer buffer, long id) {
        int slot = buffer.slotOf(id);
        buffer.beginWrite(slot);
        ByteBuffer px = buffer.pixels(slot);
        for (int i = 0; i < H * W; i++) {
            px.putShort(i * 2, (short) id);
        }
        buffer.endWrite(slot, new SlotMetadata(id, id, ImageStatus.GOOD, 1, 0, id, 1, 2));
        return new ImageMetadata("t", id, id, H, W, "uint16", ImageStatus.GOOD, slot, 1, 1, 0, id, 1, 2);
    }

    @Test
    void aBurstOfImagesArrivesEachWithItsOwnPixels() throws Exception {
        try (ImageBuffer buffer = ImageBuffer.create(dir.resolve("b"), "t", 512, H, W, 2, 2);
                ZContext zmq = new ZContext();
                ImageStreamSender sender = new ImageStreamSender(zmq, "tcp://127.0.0.1:*", buffer, 1000)) {
            ZMQ.Socket pull = zmq.createSocket(SocketType.PULL);
            pull.setReceiveTimeOut(100);
            pull.connect(sender.endpoint());
            long[] probe = {10_000};
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> {
                sender.send(put(buffer, probe[0]++));
                return pull.recv() != null;
            });
            while (pull.recv() != null) {
                // the rest of the probes
            }
            pull.setReceiveTimeOut(5000);
            // Bursts of 32: within the sender's queue of 64, so none is dropped; many are queued in
            // jeromq at once, which is when a shared pixel array got overwritten.
            for (long first = 1; first <= 400; first += 32) {
                for (long id = first; id < first + 32; id++) {
                    sender.send(put(buffer, id));
                }
                for (long n = first; n < first + 32; n++) {
                    byte[] meta = pull.recv();
                    assertThat(meta).as("image %d (dropped: %d)", n, sender.dropped()).isNotNull();
                    long id = JSON.readTree(meta).get("image_id").asLong();
                    byte[] pixels = pull.recv();
                    short value = ByteBuffer.wrap(pixels).order(ByteOrder.LITTLE_ENDIAN).getShort(2 * (H * W - 1));
                    assertThat(value).as("pixels sent with image %d", id).isEqualTo((short) id);
                }
            }
        }
    }
}
