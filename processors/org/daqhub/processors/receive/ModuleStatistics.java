package org.daqhub.processors.receive;

import java.util.Map;

import org.daqhub.processors.statistics.Counter;
import org.daqhub.processors.statistics.Counters;

/** What one module's receiver saw, counted by reason. Written by its receive loop only. */
public final class ModuleStatistics {

    private final Counters counters = new Counters();

    final Counter packetsReceived = counters.singleWriter("packets_received");
    final Counter bytesReceived = counters.singleWriter("bytes_received");
    final Counter packetsLost = counters.singleWriter("packets_lost");
    final Counter packetsDuplicated = counters.singleWriter("packets_duplicated");
    final Counter packetsLate = counters.singleWriter("packets_late");
    final Counter malformedShort = counters.singleWriter("packets_malformed_short");
    final Counter malformedOversized = counters.singleWriter("packets_malformed_oversized");
    final Counter malformedPacketNumber = counters.singleWriter("packets_malformed_packet_number");
    final Counter malformedModuleId = counters.singleWriter("packets_malformed_module_id");
    final Counter framesComplete = counters.singleWriter("frames_complete");
    final Counter framesIncomplete = counters.singleWriter("frames_incomplete");
    final Counter framesDroppedNoBuffer = counters.singleWriter("frames_dropped_no_buffer");
    final Counter restarts = counters.singleWriter("detector_restarts");
    /** Lone packets far behind or far ahead of the running frames (not followed by others: not a restart). */
    final Counter packetsStrayBehind = counters.singleWriter("packets_stray_behind");
    final Counter packetsStrayAhead = counters.singleWriter("packets_stray_ahead");

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


    public long bytesReceived() {
        return bytesReceived.get();
    }

    /** Every counter by the name it has in the statistics and (prefixed) in the metrics. */
    public Counters counters() {
        return counters;
    }

    public Map<String, Long> snapshot() {
        return counters.snapshot();
    }
}
