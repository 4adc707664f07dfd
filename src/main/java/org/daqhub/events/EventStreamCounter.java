package org.daqhub.events;

/** Counters of the event streams, for {@code GET /event-stream/stats} and Prometheus. */
public enum EventStreamCounter {
    MESSAGES_RECEIVED, MESSAGES_OVERSIZED, MESSAGES_UNROUTED, FRAMES_DELIVERED,
    FRAMES_DROPPED_SLOW_CONSUMER, SOCKETS_CLOSED_SLOW_CONSUMER, SOCKETS_OPENED, SOCKETS_REFUSED,
    /** Messages delivered live but not written to their key's replay log on disk (a disk error). */
    LOG_WRITE_ERRORS
}
