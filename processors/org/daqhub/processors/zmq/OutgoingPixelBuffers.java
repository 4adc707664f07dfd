package org.daqhub.processors.zmq;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.daqhub.processors.io.DirectMemory;
import zmq.Msg;

/**
 * Direct buffers for outgoing image messages, reused once jeromq has written them. The pixels are
 * copied out of the image buffer once, into direct memory the kernel can read: a fresh heap array
 * per image cost an allocation, its zeroing, and the JDK's own copy of heap bytes into a temporary
 * direct buffer on every socket write.
 *
 * <p>jeromq (unlike libzmq) never says when it has finished with a message, so the pool watches:
 * the encoder takes a message's body through {@link Msg#buf()} once, and it (copying into its batch)
 * or the I/O thread (writing to the socket) advances that view's position. A buffer is free again
 * when that position has reached the end of the body after the encoder's thread has moved on to a
 * later body, or when jeromq has dropped the view or the message (a peer that went away). The
 * encoder sets the position to the end for a moment before it starts on a body (its
 * {@code nextStep}: position, then flip); an I/O thread preempted there made a buffer look written
 * before a byte of it was, and an image went out with the pixels of a later one. When
 * every buffer is still in flight (a slow consumer), images travel in ordinary heap messages. Only
 * the socket thread calls this class.
 */
final class OutgoingPixelBuffers {

    private final int imageBytes;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private final ArrayDeque<Lease> inFlight = new ArrayDeque<>();
    private int allocated;
    private int capacity; // lowered to what was allocated when the direct memory limit is reached
    private volatile long heapFallbacks; // written by the socket thread only
    /** Orders the encoder's takes of bodies; per I/O thread, the last one it took. */
    private final AtomicLong takes = new AtomicLong();
    private final Map<Thread, Long> lastTakeByThread = new ConcurrentHashMap<>();

    OutgoingPixelBuffers(int imageBytes, int capacity) {
        this.imageBytes = imageBytes;
        this.capacity = capacity;
    }

    /** A buffer of {@code imageBytes} to fill; direct when one is free, else on the heap. */
    ByteBuffer take() {
        reclaim();
        ByteBuffer b = free.poll();
        if (b == null && allocated < capacity) {
            // at the JVM's direct memory limit: no more direct buffers, the heap from now on
            b = DirectMemory.tryAllocate(imageBytes);
            if (b == null) {
                capacity = allocated;
            } else {
                allocated++;
            }
        }
        if (b == null) {
            heapFallbacks++;
            return ByteBuffer.allocate(imageBytes);
        }
        return b.clear();
    }

    /** A filled buffer that will not be sent after all. */
    void giveBack(ByteBuffer b) {
        if (b.isDirect()) {
            free.push(b);
        }
    }

    /** The message that sends the filled buffer {@code b}; from now on jeromq owns it until written. */
    Msg message(ByteBuffer b) {
        b.flip();
        if (!b.isDirect()) {
            return new Msg(b);
        }
        Lease lease = new Lease(b);
        TrackedMsg msg = new TrackedMsg(b, lease);
        lease.message = new WeakReference<>(msg);
        inFlight.add(lease);
        return msg;
    }

    /** Images sent in heap messages because every direct buffer was still queued. */
    long heapFallbacks() {
        return heapFallbacks;
    }

    private void reclaim() {
        for (Iterator<Lease> it = inFlight.iterator(); it.hasNext();) {
            Lease lease = it.next();
            if (lease.written()) {
                it.remove();
                free.push(lease.buffer);
            }
        }
    }

    /** One direct buffer handed to jeromq, and what tells whether jeromq is still using it. */
    private final class Lease {
        final ByteBuffer buffer;
        volatile WeakReference<TrackedMsg> message;
        volatile WeakReference<ByteBuffer> body;
        volatile Thread encoder;
        volatile long take;

        Lease(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        /** Called by the encoder's thread as it takes the body: the view it will write from. */
        void taken(ByteBuffer view) {
            long t = takes.incrementAndGet();
            encoder = Thread.currentThread();
            take = t;
            body = new WeakReference<>(view);
            lastTakeByThread.put(Thread.currentThread(), t);
        }

        boolean written() {
            WeakReference<ByteBuffer> view = body;
            if (view == null) {
                // Not encoded when looked at: still queued, unless jeromq dropped the message (its
                // peer went away). The encoder may have taken the body since; once the message is
                // gone no one can take it any more, so look at the body again.
                if (message.get() != null) {
                    return false;
                }
                view = body;
                if (view == null) {
                    return true;
                }
            }
            ByteBuffer b = view.get();
            if (b == null) {
                return true; // no one can write from it any more
            }
            // Past the encoder's setting-up moment only once its thread took a later body. Then the
            // position, not hasRemaining(): while the encoder copies part of a body into its batch,
            // it lowers the view's limit to the end of that part for a moment.
            Long last = lastTakeByThread.get(encoder);
            return last != null && last > take && b.position() >= buffer.limit();
        }
    }

    /** A message that records the view of its body that the encoder writes from. */
    private static final class TrackedMsg extends Msg {
        private final Lease lease;

        TrackedMsg(ByteBuffer pixels, Lease lease) {
            super(pixels);
            this.lease = lease;
        }

        @Override
        public ByteBuffer buf() {
            ByteBuffer view = super.buf();
            lease.taken(view);
            return view;
        }
    }
}
