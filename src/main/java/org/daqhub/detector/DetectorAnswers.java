package org.daqhub.detector;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import org.daqhub.processors.datapath.DetectorRuntime;
import org.daqhub.processors.datapath.DetectorStatistics;
import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.processors.receive.ImageMetadata;

/**
 * The detector data path's answers (wire names by {@code @JsonProperty}), as {@code /openapi.json}
 * describes them (the verbs' {@code outType}); the statistics are {@link DetectorStatistics}.
 */
public final class DetectorAnswers {

    private DetectorAnswers() {
    }

    /** {@code GET /detectors}: the running detectors by name, and the definition files refused with why. */
    @Schema(name = "Detectors")
    public record Detectors(Map<String, Detector> detectors, Map<String, String> refused) {
    }

    /** A running detector: its geometry, where its packets come in and its images go out. */
    @Schema(name = "Detector")
    public record Detector(String type, int modules, int height, int width, String dtype,
            @JsonProperty("udp_ports") List<Integer> udpPorts, Map<String, String> zmq, String buffer) {

        static Detector of(DetectorRuntime r) {
            DetectorDefinition d = r.definition();
            return new Detector(d.type().id(), d.nModules(), d.imageHeight(), d.imageWidth(),
                    d.imagePixelType().dtype(), r.udpPorts(), r.endpoints(), r.buffer().file().toString());
        }
    }

    /**
     * {@code GET /detector/{name}} (std_daq's REST proxy): the detector's name in capitals and its
     * parameters ({@code DetectorControl.PARAMETERS}), all at the top level in name order.
     */
    @Schema(name = "DetectorParameters", description = "det_name and the parameters: triggers, timing, frames,"
            + " period, exptime, dr, speed, tengiga, threshold")
    public record Parameters(@JsonProperty("det_name") String detName,
            @JsonAnyGetter @Schema(hidden = true) Map<String, Object> parameters) {
    }

    /**
     * {@code POST /detector[/{name}]} as std_daq answers it: {@code response} (request_success, or
     * what was not valid), or {@code status} (IDLE, RUNNING, ERROR) for the STATUS command.
     */
    @Schema(name = "DetectorReply")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reply(String response, String status) {

        public static final Reply SUCCESS = response("request_success");

        public static Reply response(String text) {
            return new Reply(text, null);
        }
    }

    /** For the operator console: a detector's statistics, its newest image and its image size. */
    public record ConsoleDetector(@JsonUnwrapped DetectorStatistics statistics,
            @JsonProperty("latest_image") LatestImage latestImage, @JsonProperty("image_height") int imageHeight,
            @JsonProperty("image_width") int imageWidth) {
    }

    @Schema(name = "DetectorLatestImage")
    public record LatestImage(@JsonProperty("image_id") long imageId, @JsonProperty("frame_number") long frameNumber,
            String status, @JsonProperty("missing_packets") int missingPackets) {

        static LatestImage of(ImageMetadata image) {
            return image == null ? null : new LatestImage(image.imageId(), image.frameNumber(),
                    image.status().label(), image.missingPackets());
        }
    }

    /** The console's section: every detector, and the refused definition files. */
    public record Console(Map<String, ConsoleDetector> detectors, Map<String, String> refused) {
    }

    /**
     * {@code POST /detector[/{name}]}'s body, for {@code /openapi.json}: parameters to set, or a command.
     * {@code DetectorControls} reads it field by field, as std_daq did, and answers unknown parameters
     * in its own words rather than as a 400.
     */
    @Schema(name = "DetectorConfigRequest", description = "{det_name, config: {...}} or {cmd: START|STOP|STATUS};"
            + " det_name may come from the path instead")
    public record ConfigRequest(@JsonProperty("det_name") String detName, Map<String, Object> config,
            @Schema(allowableValues = {"START", "STOP", "STATUS"}) String cmd) {
    }
}
