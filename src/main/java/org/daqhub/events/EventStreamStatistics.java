package org.daqhub.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of the event streams, for {@code GET /event-stream/stats} and Prometheus. */
public final class EventStreamStatistics {

    public final AtomicLong messagesReceived = new AtomicLong();
    public final AtomicLong messagesOversized = new AtomicLong();
    public final AtomicLong messagesUnrouted = new AtomicLong();
    public final AtomicLong framesDelivered = new AtomicLong();
    public final AtomicLong framesDroppedSlowConsumer = new AtomicLong();
    public final AtomicLong socketsClosedSlowConsumer = new AtomicLong();
    public final AtomicLong socketsOpened = new AtomicLong();
    public final AtomicLong socketsRefused = new AtomicLong();
    /** Messages delivered live but not written to their key's replay log on disk (a disk error). */
    public final AtomicLong logWriteErrors = new AtomicLong();

    public Map<String, AtomicLong> byName() {
        Map<String, AtomicLong> m = new LinkedHashMap<>();
        m.put("messages_received", messagesReceived);
        m.put("messages_oversized", messagesOversized);
        m.put("messages_unrouted", messagesUnrouted);
        m.put("frames_delivered", framesDelivered);
        m.put("frames_dropped_slow_consumer", framesDroppedSlowConsumer);
        m.put("sockets_closed_slow_consumer", socketsClosedSlowConsumer);
        m.put("sockets_opened", socketsOpened);
        m.put("sockets_refused", socketsRefused);
        m.put("log_write_errors", logWriteErrors);
        return m;
    }
}
