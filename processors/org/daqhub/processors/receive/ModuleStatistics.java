package org.daqhub.processors.receive;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one module's receiver saw, counted by reason. Written by its receive loop only. */
public final class ModuleStatistics {

    final SingleWriterCounter packetsReceived = new SingleWriterCounter();
    final SingleWriterCounter bytesReceived = new SingleWriterCounter();
    final SingleWriterCounter packetsLost = new SingleWriterCounter();
    final SingleWriterCounter packetsDuplicated = new SingleWriterCounter();
    final SingleWriterCounter packetsLate = new SingleWriterCounter();
    final SingleWriterCounter malformedShort = new SingleWriterCounter();
    final SingleWriterCounter malformedOversized = new SingleWriterCounter();
    final SingleWriterCounter malformedPacketNumber = new SingleWriterCounter();
    final SingleWriterCounter malformedModuleId = new SingleWriterCounter();
    final SingleWriterCounter framesComplete = new SingleWriterCounter();
    final SingleWriterCounter framesIncomplete = new SingleWriterCounter();
    final SingleWriterCounter framesDroppedNoBuffer = new SingleWriterCounter();
    final SingleWriterCounter restarts = new SingleWriterCounter();
    /** Lone packets far behind or far ahead of the running frames (not followed by others: not a restart). */
    final SingleWriterCounter packetsStrayBehind = new SingleWriterCounter();
    final SingleWriterCounter packetsStrayAhead = new SingleWriterCounter();

    public long packetsReceived() {
        return packetsReceived.get();
    }

    public long packetsLost() {
        return packetsLost.get();
    }

    public long packetsDuplicated() {
        return packetsDuplicated.get();
    }

    public long framesComplete() {
        return framesComplete.get();
    }

    public long framesIncomplete() {
        return framesIncomplete.get();
    }

    /** Every counter by the name it has in the statistics and (prefixed) in the metrics. */
    private final Map<String, SingleWriterCounter> byName = new LinkedHashMap<>();

    {
        byName.put("packets_received", packetsReceived);
        byName.put("bytes_received", bytesReceived);
        byName.put("packets_lost", packetsLost);
        byName.put("packets_duplicated", packetsDuplicated);
        byName.put("packets_late", packetsLate);
        byName.put("packets_malformed_short", malformedShort);
        byName.put("packets_malformed_oversized", malformedOversized);
        byName.put("packets_malformed_packet_number", malformedPacketNumber);
        byName.put("packets_malformed_module_id", malformedModuleId);
        byName.put("frames_complete", framesComplete);
        byName.put("frames_incomplete", framesIncomplete);
        byName.put("frames_dropped_no_buffer", framesDroppedNoBuffer);
        byName.put("detector_restarts", restarts);
        byName.put("packets_stray_behind", packetsStrayBehind);
        byName.put("packets_stray_ahead", packetsStrayAhead);
    }

    public Map<String, SingleWriterCounter> counters() {
        return java.util.Collections.unmodifiableMap(byName);
    }

    public long bytesReceived() {
        return bytesReceived.get();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        byName.forEach((name, counter) -> m.put(name, counter.get()));
        return m;
    }
}
