package org.daqhub.processors.zmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.ImageStatus;
import org.daqhub.processors.buffer.SlotMetadata;
import org.daqhub.processors.receive.ImageMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZContext;

/**
 * The replica's buffer holds exactly the source's pixels, image after image, while the receiver
 * reuses its receive arrays (far more images than its pool holds).
 */
class ImageStreamReceiverTest {

    private static final int H = 32;
    private static final int W = 48;

    @TempDir
    Path dir;

    private static ImageMetadata put(ImageBuffer buffer, long id) {
        int slot = buffer.slotOf(id);
        buffer.beginWrite(slot);
        ByteBuffer px = buffer.pixels(slot);
        for (int i = 0; i < H * W; i++) {
            px.putShort(i * 2, (short) (id * 7 + i));
        }
        buffer.endWrite(slot, new SlotMetadata(id, id, ImageStatus.GOOD, 1, 0, id, 1, 2));
        return new ImageMetadata("t", id, id, H, W, "uint16", ImageStatus.GOOD, slot, 1, 1, 0, id, 1, 2);
    }

    @Test
    void reusedReceiveArraysNeverMixImages() throws Exception {
        int images = 300;
        try (ImageBuffer source = ImageBuffer.create(dir.resolve("a"), "t", 512, H, W, 2, 2);
                ImageBuffer replica = ImageBuffer.create(dir.resolve("b"), "t", 512, H, W, 2, 2);
                ZContext zmq = new ZContext();
                ImageStreamSender sender = new ImageStreamSender(zmq, "tcp://127.0.0.1:*", source, 1000);
                ImageStreamReceiver receiver = new ImageStreamReceiver(zmq, sender.endpoint(), replica, "t")) {
            AtomicLong received = new AtomicLong();
            receiver.setSink(image -> received.incrementAndGet());
            receiver.start();
            // until the receiver is connected (images sent before are dropped, not queued)
            long[] probe = {10_000};
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                sender.send(put(source, probe[0]++));
                Thread.sleep(20);
                return received.get() > 0;
            });
            long before = received.get();
            await().atMost(Duration.ofSeconds(5)).until(() -> received.get() == before
                    || received.get() == probe[0] - 10_000);
            long start = received.get();
            long droppedBefore = sender.dropped();
            for (long id = 0; id < images; id++) {
                ImageMetadata image = put(source, id);
                while (!sender.send(image)) {
                    Thread.onSpinWait();
                }
                if (id % 32 == 31) {
                    long expected = start + id + 1;
                    await().atMost(Duration.ofSeconds(10)).until(() -> received.get() >= expected);
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> received.get() >= start + images);

            ByteBuffer a = ByteBuffer.allocate(H * W * 2);
            ByteBuffer b = ByteBuffer.allocate(H * W * 2);
            for (long id = 0; id < images; id++) {
                assertThat(source.read(id, a.clear())).isNotNull();
                assertThat(replica.read(id, b.clear())).as("image %d in the replica", id).isNotNull();
                assertThat(b.flip()).as("pixels of image %d", id).isEqualTo(a.flip());
            }
            assertThat(sender.dropped()).isEqualTo(droppedBefore);
        }
    }
}
