package org.daqhub.events;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import org.springframework.web.socket.CloseStatus;

/**
 * A stream as this hub runs it: its open sockets, and the log of its routing key, which it shares
 * with the other streams of the key ({@link KeyLog}).
 */
final class LiveStream {

    static final CloseStatus DELETED = new CloseStatus(1000, "The stream has been deleted");

    private final EventStream stream;
    private final KeyLog log;
    private final Set<StreamSocket> sockets = new CopyOnWriteArraySet<>();

    LiveStream(EventStream stream, KeyLog log) {
        this.stream = stream;
        this.log = log;
    }

    EventStream stream() {
        return stream;
    }

    KeyLog log() {
        return log;
    }

    /** Under the key log's lock ({@link KeyLog#deliver}). */
    void send(Frame frame) {
        for (StreamSocket socket : sockets) {
            socket.send(frame);
        }
    }

    /** Under the key log's lock ({@link KeyLog#attach}). */
    void add(StreamSocket socket) {
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

    long queuedFrames() {
        return sockets.stream().mapToLong(StreamSocket::queued).sum();
    }

    int sockets() {
        sockets.removeIf(StreamSocket::isClosed);
        return sockets.size();
    }
}
