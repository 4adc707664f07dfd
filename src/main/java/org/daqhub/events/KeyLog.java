package org.daqhub.events;

import java.util.List;

/**
 * One routing key's messages, as Squonk v3 keeps them in a RabbitMQ stream per key: ordinals count
 * per key, so every event stream on the key sees the same ordinal for a message, and a stream
 * created later can replay what the key received before it (bounded by {@code log-messages} and
 * {@code log-age}). Appending a message and attaching a socket (replay, then live) hold this log's
 * lock, so a replaying socket gets every message exactly once, with no gap at the switch to live.
 */
final class KeyLog {

    private final StreamLog log;

    KeyLog(StreamLog log) {
        this.log = log;
    }

    /** Formats the message with the key's next ordinal, logs it and sends it to every socket of {@code streams}. */
    synchronized void deliver(byte[] payload, long nowMillis, FrameFormatter formatter, List<LiveStream> streams) {
        Frame frame = formatter.format(payload, log.nextOrdinal(), nowMillis);
        log.add(frame, nowMillis);
        for (LiveStream stream : streams) {
            stream.send(frame);
        }
    }

    /** Adds a socket to {@code stream}, first sending it what the replay asks for (null: live only). */
    synchronized void attach(LiveStream stream, StreamSocket socket, Replay replay, long nowMillis) {
        if (replay != null) {
            socket.sendAll(replay.ordinal() != null ? log.fromOrdinal(replay.ordinal(), nowMillis)
                    : log.fromTimestamp(replay.timestampMillis(), nowMillis));
        }
        stream.add(socket);
    }

    synchronized int size() {
        return log.size();
    }

    /** Whether nothing is left to replay (every message aged out). */
    synchronized boolean isEmpty(long nowMillis) {
        return log.fromTimestamp(0, nowMillis).isEmpty();
    }
}
