package org.daqhub.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.daqhub.processors.statistics.Counters;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * One client socket of a stream, with its own bounded queue: frames are queued by the delivering
 * thread (never blocked) and sent by a pool thread, one drain at a time per socket, so a slow client
 * only ever holds up itself. A socket whose queue overflows is closed (or loses its oldest frames,
 * by configuration) and counted.
 */
final class StreamSocket {

    /** 1008, policy violation: Squonk's own reason for a consumer that cannot keep up has no code. */
    /** Frames sent before a flush at most, so a steady stream never waits long in the batch. */
    private static final int FLUSH_EVERY = 32;

    static final CloseStatus TOO_SLOW = new CloseStatus(1008, "The client did not keep up with the stream");

    private final WebSocketSession session;
    private final Executor sender;
    private final int limit;
    private final boolean dropOldest;
    private final Counters<EventStreamCounter> statistics;
    private final ConcurrentLinkedQueue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();

    /** Frames waiting to be sent to this client. */
    public int queued() {
        return queued.get();
    }
    private final AtomicBoolean draining = new AtomicBoolean();
    private final RemoteEndpoint.Basic remote;
    private volatile boolean closed;

    StreamSocket(WebSocketSession session, Executor sender, int limit, boolean dropOldest,
            Counters<EventStreamCounter> statistics) {
        this.session = session;
        this.sender = sender;
        this.limit = limit;
        this.dropOldest = dropOldest;
        this.statistics = statistics;
        this.remote = batchingRemote(session);
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
                statistics.increment(EventStreamCounter.SOCKETS_CLOSED_SLOW_CONSUMER);
                closeLater(TOO_SLOW);
                return;
            }
            if (queue.poll() != null) {
                queued.decrementAndGet();
                statistics.increment(EventStreamCounter.FRAMES_DROPPED_SLOW_CONSUMER);
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
            int unflushed = 0;
            if (remote != null) {
                remote.setBatchingAllowed(true);
            }
            while (!closed && (f = queue.poll()) != null) {
                queued.decrementAndGet();
                if (remote != null) {
                    // batched: frames waiting together leave in one write instead of one each
                    if (f.isText()) {
                        remote.sendText(f.text());
                    } else {
                        remote.sendBinary(ByteBuffer.wrap(f.binary()));
                    }
                    if (++unflushed == FLUSH_EVERY) {
                        remote.flushBatch();
                        unflushed = 0;
                    }
                } else {
                    session.sendMessage(f.isText() ? new TextMessage(f.text()) : new BinaryMessage(f.binary()));
                }
                statistics.increment(EventStreamCounter.FRAMES_DELIVERED);
            }
            if (remote != null) {
                // Off between drains (this flushes): the container's own control frames, above all
                // the pong to a keep-alive ping, would otherwise wait in the batch for the next data.
                remote.setBatchingAllowed(false);
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

    /** The container's endpoint (batching is turned on per drain), or null for a session of another kind. */
    private static RemoteEndpoint.Basic batchingRemote(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession nativeSession) {
            Session standard = nativeSession.getNativeSession(Session.class);
            if (standard != null) {
                try {
                    return standard.getBasicRemote();
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
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
