package org.daqhub.events;

import org.daqhub.processors.statistics.Counter;
import org.daqhub.processors.statistics.Counters;

/** Counters of the event streams, for {@code GET /event-stream/stats} and Prometheus. */
public final class EventStreamStatistics {

    private final Counters counters = new Counters();

    public final Counter messagesReceived = counters.shared("messages_received");
    public final Counter messagesOversized = counters.shared("messages_oversized");
    public final Counter messagesUnrouted = counters.shared("messages_unrouted");
    public final Counter framesDelivered = counters.shared("frames_delivered");
    public final Counter framesDroppedSlowConsumer = counters.shared("frames_dropped_slow_consumer");
    public final Counter socketsClosedSlowConsumer = counters.shared("sockets_closed_slow_consumer");
    public final Counter socketsOpened = counters.shared("sockets_opened");
    public final Counter socketsRefused = counters.shared("sockets_refused");
    /** Messages delivered live but not written to their key's replay log on disk (a disk error). */
    public final Counter logWriteErrors = counters.shared("log_write_errors");

    public Counters counters() {
        return counters;
    }
}
