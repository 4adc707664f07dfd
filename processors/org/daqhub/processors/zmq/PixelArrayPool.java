package org.daqhub.processors.zmq;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

import org.daqhub.processors.io.DirectMemory;
import zmq.Msg;
import zmq.msg.MsgAllocator;

/**
 * Receive buffers for image-sized ZeroMQ messages, reused: jeromq's decoder asks this allocator for
 * each incoming message and reads the socket straight into it, and the receiver hands the buffer
 * back once it has copied the pixels into its image buffer. The buffers are direct: a heap array
 * would cost its allocation and zeroing per image, and the JDK would read the socket into a
 * temporary direct buffer and copy from there. Other sizes, and images while every pooled buffer is
 * in use (messages queued in the socket), get ordinary heap messages.
 */
final class PixelArrayPool implements MsgAllocator {

    private final int imageBytes;
    private final ArrayBlockingQueue<ByteBuffer> free;
    private int capacity; // lowered to what was allocated when the direct memory limit is reached
    private int allocated; // by jeromq's I/O thread only

    PixelArrayPool(int imageBytes, int capacity) {
        this.imageBytes = imageBytes;
        this.capacity = capacity;
        this.free = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public Msg allocate(int size) {
        if (size != imageBytes) {
            return new Msg(size);
        }
        ByteBuffer b = free.poll();
        if (b == null && allocated < capacity) {
            // at the JVM's direct memory limit: plain heap messages from now on
            b = DirectMemory.tryAllocate(imageBytes);
            if (b == null) {
                capacity = allocated;
            } else {
                allocated++;
            }
        }
        return b != null ? new PooledMsg(b.clear()) : new Msg(size);
    }

    /** The message the receiver has finished with; its buffer is reused if it came from here. */
    void release(Msg msg) {
        if (msg instanceof PooledMsg pooled) {
            free.offer(pooled.root);
        }
    }

    /** A message over one of the pool's buffers (jeromq hands it to the receiver as it is). */
    private static final class PooledMsg extends Msg {
        final ByteBuffer root;

        PooledMsg(ByteBuffer root) {
            super(root);
            this.root = root;
        }
    }
}
