package org.daqhub.processors.datapath;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One detector's statistics as {@code GET /detector/{name}/stats}, its hub event and the console
 * give them (wire names by {@code @JsonProperty}): what it is, the rates of the last second and
 * since start, the modules' counters and every image step's own counters ({@code steps}, written at
 * the top level under each counter's name, as odin-data's plugins report theirs). The annotations
 * only name things for JSON and {@code /openapi.json}; nothing here depends on how it is served.
 */
@Schema(name = "DetectorStatistics", description = "Also every image step's counters (images_good, last_image_id,"
        + " images_sent, ...) at the top level")
public record DetectorStatistics(String detector, String type, @JsonProperty("udp_ports") List<Integer> udpPorts,
        Map<String, String> zmq, @JsonProperty("uptime_s") double uptimeSeconds,
        @JsonProperty("packets_received") long packetsReceived, @JsonProperty("packets_lost") long packetsLost,
        @JsonProperty("packet_rate") long packetRate, @JsonProperty("payload_bytes_per_s") long payloadBytesPerSecond,
        @JsonProperty("image_rate") double imageRate, @JsonProperty("packet_rate_avg") long packetRateAverage,
        @JsonProperty("payload_bytes_per_s_avg") long payloadBytesPerSecondAverage, Buffer buffer,
        List<Module> modules, @JsonAnyGetter @Schema(hidden = true) Map<String, Long> steps) {

    /** The RAM buffer: its file, slots, bytes per image and slots holding an image. */
    @Schema(name = "DetectorBuffer")
    public record Buffer(String file, long slots, @JsonProperty("image_bytes") long imageBytes, long filled) {
    }

    /** One module's receiver: its port, its counters (by name) and its free frame buffers. */
    @Schema(name = "DetectorModule", description = "Also the module's counters (packets_received, packets_lost,"
            + " ...) at the top level")
    public record Module(int module, @JsonProperty("udp_port") int udpPort,
            @JsonAnyGetter @Schema(hidden = true) Map<String, Long> counters,
            @JsonProperty("frame_buffers_free") int frameBuffersFree) {
    }

    /** A step's counter by its name (images_good, last_image_id, images_sent, ...); null if no step has it. */
    public Long step(String counter) {
        return steps.get(counter);
    }
}
