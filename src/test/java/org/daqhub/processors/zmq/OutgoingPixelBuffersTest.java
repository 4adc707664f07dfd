package org.daqhub.processors.zmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import zmq.Msg;

/** A direct buffer is reused only once jeromq has nothing left of it to write. */
class OutgoingPixelBuffersTest {

    private static final int BYTES = 64 * 1024;

    private static Msg filled(OutgoingPixelBuffers pool, ByteBuffer b) {
        b.put(new byte[BYTES]);
        return pool.message(b);
    }

    @Test
    void aBufferComesBackOnceItsBodyIsWrittenAndTheEncoderMovedOn() {
        OutgoingPixelBuffers pool = new OutgoingPixelBuffers(BYTES, 2);
        ByteBuffer first = pool.take();
        assertThat(first.isDirect()).isTrue();
        Msg msg = filled(pool, first);

        ByteBuffer body = msg.buf(); // what jeromq's encoder writes from
        body.position(BYTES / 2);
        ByteBuffer second = pool.take();
        assertThat(second).as("half written: still jeromq's").isNotSameAs(first);
        Msg next = filled(pool, second);
        next.buf(); // the encoder takes the next body
        ByteBuffer whileWriting = pool.take();
        assertThat(whileWriting.isDirect()).as("half written: still jeromq's").isFalse();

        body.position(BYTES);
        assertThat(pool.take()).isSameAs(first);
        assertThat(pool.heapFallbacks()).isEqualTo(1);
        assertThat(body.limit()).isEqualTo(BYTES);
    }

    /**
     * jeromq's encoder, taking a body, sets its position to the end and then flips it: until its
     * thread takes a later body, a position at the end does not mean written.
     */
    @Test
    void aBodyAtItsEndIsNotWrittenUntilTheEncoderTakesALaterOne() {
        OutgoingPixelBuffers pool = new OutgoingPixelBuffers(BYTES, 2);
        ByteBuffer first = pool.take();
        ByteBuffer body = filled(pool, first).buf();
        body.position(BYTES); // the encoder's setting-up moment, before its flip
        ByteBuffer second = pool.take();
        assertThat(second).as("not one byte written yet").isNotSameAs(first);
        body.flip();
        body.position(BYTES); // now written
        filled(pool, second).buf(); // the encoder's thread takes a later body
        assertThat(pool.take()).isSameAs(first);
    }

    @Test
    void aBufferGivenBackUnsentIsReusedAtOnce() {
        OutgoingPixelBuffers pool = new OutgoingPixelBuffers(BYTES, 1);
        ByteBuffer first = pool.take();
        pool.giveBack(first);
        assertThat(pool.take()).isSameAs(first);
    }

    @Test
    void aMessageJeromqDroppedUnwrittenFreesItsBufferWhenCollected() {
        OutgoingPixelBuffers pool = new OutgoingPixelBuffers(BYTES, 1);
        ByteBuffer first = pool.take();
        filled(pool, first); // queued, then dropped with its peer: nobody references the message
        assertThat(pool.take().isDirect()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            ByteBuffer b = pool.take();
            return b == first;
        });
    }

    @Test
    void aHalfWrittenBodyStaysJeromqsWhileItIsReferenced() {
        OutgoingPixelBuffers pool = new OutgoingPixelBuffers(BYTES, 1);
        ByteBuffer first = pool.take();
        Msg msg = filled(pool, first);
        ByteBuffer body = msg.buf();
        body.position(10);
        msg = null;
        System.gc();
        assertThat(pool.take().isDirect()).as("the I/O thread still holds the body").isFalse();
        assertThat(body.remaining()).isEqualTo(BYTES - 10);
    }
}
