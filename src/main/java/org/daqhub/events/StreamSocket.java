package org.daqhub.events;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client socket of a stream, with its own bounded queue: frames are queued by the delivering
 * thread (never blocked) and sent by a pool thread, one drain at a time per socket, so a slow client
 * only ever holds up itself. A socket whose queue overflows is closed (or loses its oldest frames,
 * by configuration) and counted.
 */
final class StreamSocket {

    /** 1008, policy violation: Squonk's own reason for a consumer that cannot keep up has no code. */
    static final CloseStatus TOO_SLOW = new CloseStatus(1008, "The client did not keep up with the stream");

    private final WebSocketSession session;
    private final Executor sender;
    private final int limit;
    private final boolean dropOldest;
    private final EventStreamStatistics statistics;
    private final ConcurrentLinkedQueue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean closed;

    StreamSocket(WebSocketSession session, Executor sender, int limit, boolean dropOldest,
            EventStreamStatistics statistics) {
        this.session = session;
        this.sender = sender;
        this.limit = limit;
        this.dropOldest = dropOldest;
        this.statistics = statistics;
    }

    WebSocketSession session() {
        return session;
    }

    void sendAll(List<Frame> frames) {
        frames.forEach(this::send);
    }

    void send(Frame frame) {
        if (closed) {
            return;
        }
        if (queued.incrementAndGet() > limit) {
            if (!dropOldest) {
                queued.decrementAndGet();
                statistics.socketsClosedSlowConsumer.incrementAndGet();
                closeLater(TOO_SLOW);
                return;
            }
            if (queue.poll() != null) {
                queued.decrementAndGet();
                statistics.framesDroppedSlowConsumer.incrementAndGet();
            }
        }
        queue.add(frame);
        if (draining.compareAndSet(false, true)) {
            sender.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Frame f;
            while (!closed && (f = queue.poll()) != null) {
                queued.decrementAndGet();
                session.sendMessage(f.isText() ? new TextMessage(f.text()) : new BinaryMessage(f.binary()));
                statistics.framesDelivered.incrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or its send timed out: nothing more to send it
            close(CloseStatus.SESSION_NOT_RELIABLE);
        } finally {
            draining.set(false);
            if (!closed && !queue.isEmpty() && draining.compareAndSet(false, true)) {
                sender.execute(this::drain);
            }
        }
    }

    /** Closes on a sender thread: a close waits for a send in progress, and the caller must not wait. */
    void closeLater(CloseStatus status) {
        closed = true;
        queue.clear();
        sender.execute(() -> close(status));
    }

    void close(CloseStatus status) {
        closed = true;
        queue.clear();
        try {
            session.close(status);
        } catch (IOException | RuntimeException alreadyGone) {
            // closed by the client meanwhile
        }
    }

    boolean isClosed() {
        return closed || !session.isOpen();
    }
}
