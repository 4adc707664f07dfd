package org.daqhub.events;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import org.springframework.web.socket.CloseStatus;

/**
 * A stream as this hub runs it: its log and its open sockets. Appending a message and attaching a
 * socket (replay, then live) hold the same lock, so a replaying socket gets every message exactly
 * once, with no gap at the switch to live.
 */
final class LiveStream {

    static final CloseStatus DELETED = new CloseStatus(1000, "The stream has been deleted");

    private final EventStream stream;
    private final StreamLog log;
    private final Set<StreamSocket> sockets = new CopyOnWriteArraySet<>();

    LiveStream(EventStream stream, StreamLog log) {
        this.stream = stream;
        this.log = log;
    }

    EventStream stream() {
        return stream;
    }

    synchronized void deliver(byte[] payload, long nowMillis, FrameFormatter formatter) {
        Frame frame = formatter.format(payload, log.nextOrdinal(), nowMillis);
        log.add(frame, nowMillis);
        for (StreamSocket socket : sockets) {
            socket.send(frame);
        }
    }

    /** Adds a socket, first sending it what the replay asks for (null: live only). */
    synchronized void attach(StreamSocket socket, Replay replay, long nowMillis) {
        if (replay != null) {
            List<Frame> backlog = replay.ordinal() != null ? log.fromOrdinal(replay.ordinal(), nowMillis)
                    : log.fromTimestamp(replay.timestampMillis(), nowMillis);
            socket.sendAll(backlog);
        }
        sockets.add(socket);
    }

    void detach(StreamSocket socket) {
        sockets.remove(socket);
    }

    void closeAll(CloseStatus status) {
        for (StreamSocket socket : sockets) {
            socket.closeLater(status);
        }
        sockets.clear();
    }

    int sockets() {
        sockets.removeIf(StreamSocket::isClosed);
        return sockets.size();
    }

    synchronized int logged() {
        return log.size();
    }
}
