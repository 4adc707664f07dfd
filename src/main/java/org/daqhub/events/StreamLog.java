package org.daqhub.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent messages of one routing key, for replay: ordinals count from 0 in arrival order; the
 * log keeps at most {@code maxMessages}, none older than {@code maxAgeMillis}. Not thread-safe:
 * {@link KeyLog} serialises access.
 */
final class StreamLog {

    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private final int maxMessages;
    private final long maxAgeMillis;
    private long next;

    StreamLog(int maxMessages, long maxAgeMillis) {
        this.maxMessages = maxMessages;
        this.maxAgeMillis = maxAgeMillis;
    }

    long nextOrdinal() {
        return next++;
    }

    /** The ordinal the next message gets. */
    long peekNextOrdinal() {
        return next;
    }

    /** Takes up where a log read from disk left off: its frames (trimmed as usual) and next ordinal. */
    void restore(List<Frame> stored, long nextOrdinal, long nowMillis) {
        frames.clear();
        stored.forEach(f -> add(f, nowMillis));
        next = Math.max(next, nextOrdinal);
    }

    /** What the log keeps now, oldest first. */
    List<Frame> frames() {
        return new ArrayList<>(frames);
    }

    void add(Frame frame, long nowMillis) {
        frames.addLast(frame);
        while (frames.size() > maxMessages) {
            frames.removeFirst();
        }
        trim(nowMillis);
    }

    private void trim(long nowMillis) {
        while (!frames.isEmpty() && frames.peekFirst().timestampMillis() < nowMillis - maxAgeMillis) {
            frames.removeFirst();
        }
    }

    /** Frames with an ordinal at least {@code ordinal} (inclusive, as Squonk's offsets). */
    List<Frame> fromOrdinal(long ordinal, long nowMillis) {
        trim(nowMillis);
        List<Frame> out = new ArrayList<>();
        for (Frame f : frames) {
            if (f.ordinal() >= ordinal) {
                out.add(f);
            }
        }
        return out;
    }

    /** Frames received at or after {@code epochMillis}. */
    List<Frame> fromTimestamp(long epochMillis, long nowMillis) {
        trim(nowMillis);
        List<Frame> out = new ArrayList<>();
        for (Frame f : frames) {
            if (f.timestampMillis() >= epochMillis) {
                out.add(f);
            }
        }
        return out;
    }

    int size() {
        return frames.size();
    }
}
