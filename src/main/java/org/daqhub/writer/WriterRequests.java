package org.daqhub.writer;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The bodies of std_daq's REST proxy, as {@code /openapi.json} describes them (the verbs' {@code type}).
 * {@link WriteRequestFields} reads a write request field by field rather than binding it: it names
 * every problem of a body at once, and carries any other field to the writer agents untouched, as
 * std_daq's proxy did.
 */
public final class WriterRequests {

    private WriterRequests() {
    }

    /** {@code POST /write_sync} and {@code /write_async}. */
    @Schema(name = "WriteRequest", description = "The next n_images images of a detector into output_file;"
            + " other fields go to the writer agents untouched")
    public record Write(@JsonProperty("output_file") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String outputFile,
            @JsonProperty("n_images") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1") long images,
            @Schema(description = "one of the hub's detectors (default: the only one, or one named in sources)")
            String detector,
            @Schema(description = "none, lz4, bitshuffle-lz4 (or bitshuffle_lz4, bslz4) or deflate (default: daqhub.writer.compression)")
            String compression, @JsonProperty("images_per_file") @Schema(minimum = "1") Integer imagesPerFile,
            @Schema(description = "std_daq's sources: a detector's name among them picks it") List<String> sources) {
    }

    /** {@code POST /write_kill}. */
    @Schema(name = "WriteKill")
    public record Kill(@JsonProperty("request_id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String requestId) {
    }
}
