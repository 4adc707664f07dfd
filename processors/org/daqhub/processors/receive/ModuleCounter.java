package org.daqhub.processors.receive;

/** What one module's receiver saw, counted by reason. Written by its receive loop only. */
public enum ModuleCounter {
    PACKETS_RECEIVED, BYTES_RECEIVED, PACKETS_LOST, PACKETS_DUPLICATED, PACKETS_LATE,
    PACKETS_MALFORMED_SHORT, PACKETS_MALFORMED_OVERSIZED, PACKETS_MALFORMED_PACKET_NUMBER,
    PACKETS_MALFORMED_MODULE_ID, FRAMES_COMPLETE, FRAMES_INCOMPLETE, FRAMES_DROPPED_NO_BUFFER,
    DETECTOR_RESTARTS,
    /** Lone packets far behind or far ahead of the running frames (not followed by others: not a restart). */
    PACKETS_STRAY_BEHIND,
    PACKETS_STRAY_AHEAD
}
