package org.daqhub.events;

import java.io.IOException;
import java.util.List;

import org.daqhub.processors.statistics.Counter;
import org.daqhub.processors.statistics.Counters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One routing key's messages, as Squonk v3 keeps them in a RabbitMQ stream per key: ordinals count
 * per key, so every event stream on the key sees the same ordinal for a message, and a stream
 * created later can replay what the key received before it (bounded by {@code log-messages} and
 * {@code log-age}). Appending a message and attaching a socket (replay, then live) hold this log's
 * lock, so a replaying socket gets every message exactly once, with no gap at the switch to live.
 */
final class KeyLog {

    private static final Logger LOG = LoggerFactory.getLogger(KeyLog.class);

    private final StreamLog log;
    /** The log on disk ({@link KeyLogFile}), or null: in memory only. */
    private final KeyLogFile file;
    private final int rewriteAbove;
    private final Counter writeErrors;

    KeyLog(StreamLog log) {
        this(log, null, 0, Counters.shared(EventStreamCounter.class).counter(EventStreamCounter.LOG_WRITE_ERRORS));
    }

    /** With its file: rewritten whole once it holds {@code rewriteAbove} records. */
    KeyLog(StreamLog log, KeyLogFile file, int rewriteAbove, Counter writeErrors) {
        this.log = log;
        this.file = file;
        this.rewriteAbove = rewriteAbove;
        this.writeErrors = writeErrors;
    }

    /**
     * Formats the message with the key's next ordinal, logs it (in memory, then on disk, before any
     * socket has it) and sends it to every socket of {@code streams}.
     */
    synchronized void deliver(byte[] payload, long nowMillis, FrameFormatter formatter, List<LiveStream> streams) {
        Frame frame = formatter.format(payload, log.nextOrdinal(), nowMillis);
        log.add(frame, nowMillis);
        persist(frame);
        for (LiveStream stream : streams) {
            stream.send(frame);
        }
    }

    private void persist(Frame frame) {
        if (file == null) {
            return;
        }
        try {
            if (file.append(frame, rewriteAbove)) {
                file.rewrite(log.frames(), log.peekNextOrdinal());
            }
        } catch (IOException e) {
            // the message still goes out live; only its replay after a restart is at stake
            long before = writeErrors.get();
            writeErrors.increment();
            if (before == 0) {
                LOG.error("Replay log of a routing key not written (counted in log_write_errors): {}", e.toString());
            }
        }
    }

    /** The key's log is no longer needed (no stream, nothing left to replay): its file goes. */
    synchronized void discard() {
        if (file != null) {
            try {
                file.delete();
            } catch (IOException e) {
                LOG.warn("Replay log file not deleted: {}", e.toString());
            }
        }
    }

    synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // closing at shutdown: what was written is in the file
            }
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
