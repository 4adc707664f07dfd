package org.daqhub.processors.filewriter;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A write request's progress as {@code GET /write/{request_id}}, the {@code writer.<action>} hub
 * events and the console give it (wire names by {@code @JsonProperty}): images written, lost and
 * missing of those asked for, the rates, the files, and the times as epoch seconds with
 * milliseconds, as std_daq's Python wrote them.
 */
@Schema(name = "WriteProgress")
public record WriteProgress(@JsonProperty("request_id") String requestId, String detector, String state,
        @JsonProperty("output_file") String outputFile, @JsonProperty("n_images") long images,
        @JsonProperty("images_written") long imagesWritten, @JsonProperty("images_lost") long imagesLost,
        @JsonProperty("images_missing") long imagesMissing,
        @JsonProperty("rate_images_per_s") double imagesPerSecond, @JsonProperty("rate_mb_per_s") double megabytesPerSecond,
        String compression, List<String> files, @JsonProperty("current_file") String currentFile, BigDecimal created,
        BigDecimal started, BigDecimal ended, String message) {
}
