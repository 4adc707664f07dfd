package org.daqhub.processors.detector;

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

    public long packetsReceived() {
        return packetsReceived.get();
    }

    public long packetsLost() {
        return packetsLost.get();
    }

    public long packetsDuplicated() {
        return packetsDuplicated.get();
    }

    public long malformed() {
        return malformedShort.get() + malformedOversized.get() + malformedPacketNumber.get()
                + malformedModuleId.get();
    }

    public long framesComplete() {
        return framesComplete.get();
    }

    public long framesIncomplete() {
        return framesIncomplete.get();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("packets_received", packetsReceived.get());
        m.put("bytes_received", bytesReceived.get());
        m.put("packets_lost", packetsLost.get());
        m.put("packets_duplicated", packetsDuplicated.get());
        m.put("packets_late", packetsLate.get());
        m.put("packets_malformed_short", malformedShort.get());
        m.put("packets_malformed_oversized", malformedOversized.get());
        m.put("packets_malformed_packet_number", malformedPacketNumber.get());
        m.put("packets_malformed_module_id", malformedModuleId.get());
        m.put("frames_complete", framesComplete.get());
        m.put("frames_incomplete", framesIncomplete.get());
        m.put("frames_dropped_no_buffer", framesDroppedNoBuffer.get());
        m.put("detector_restarts", restarts.get());
        return m;
    }
}
