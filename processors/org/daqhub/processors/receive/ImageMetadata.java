package org.daqhub.processors.receive;

import java.util.LinkedHashMap;
import java.util.Map;

import org.daqhub.processors.buffer.ImageStatus;

/**
 * What the hub announces for every assembled image (ZeroMQ metadata message, Camel exchange body).
 * The pixels are in the image buffer at {@code slot}.
 */
public record ImageMetadata(String detector, long imageId, long frameNumber, int height, int width, String dtype,
        ImageStatus status, int slot, int modulesReceived, int modules, int missingPackets, long detectorTimestamp,
        long firstPacketNanos, long assembledNanos) {

    /** The JSON object sent on the metadata socket; keys in this order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image_id", imageId);
        m.put("detector", detector);
        m.put("height", height);
        m.put("width", width);
        m.put("dtype", dtype);
        m.put("status", status.label());
        m.put("slot", slot);
        m.put("frame_number", frameNumber);
        m.put("modules_received", modulesReceived);
        m.put("modules", modules);
        m.put("missing_packets", missingPackets);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("detector", detectorTimestamp);
        t.put("first_packet_ns", firstPacketNanos);
        t.put("assembled_ns", assembledNanos);
        m.put("timestamps", t);
        return m;
    }
}
