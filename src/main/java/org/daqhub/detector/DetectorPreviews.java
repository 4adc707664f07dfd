package org.daqhub.detector;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.SlotMetadata;
import org.daqhub.processors.datapath.DetectorRuntime;
import org.daqhub.processors.receive.ImageMetadata;
import org.daqhub.processors.preview.ImagePreview;
import org.daqhub.web.HubException;

/**
 * {@code GET /detector/{name}/preview}: an image from the detector's buffer, scaled down for the
 * console (routes/detector.yaml). Read in place from the buffer, without a copy, and discarded if
 * the slot was overwritten meanwhile: the receiving threads never wait for a preview.
 */
public class DetectorPreviews {

    /** Largest side a client may ask for: 2048 x 2048 float values are 16 MiB. */
    static final int MAX_SIDE = 2048;
    static final int DEFAULT_SIDE = 512;
    private static final int ATTEMPTS = 5;

    private final DetectorRegistry detectors;
    private final ObjectMapper json;

    public DetectorPreviews(DetectorRegistry detectors, ObjectMapper json) {
        this.detectors = detectors;
        this.json = json;
    }

    /**
     * @param imageId the image to show (null or blank: the newest); only images still in the buffer
     * @param maxSide the largest side of the preview (null or blank: {@value #DEFAULT_SIDE})
     */
    public Preview preview(String name, String imageId, String maxSide) {
        DetectorRuntime runtime = detectors.get(name);
        int side = maxSide == null || maxSide.isBlank() ? DEFAULT_SIDE
                : (int) number("max_size", maxSide, 1, MAX_SIDE);
        boolean newest = imageId == null || imageId.isBlank();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long id;
            if (newest) {
                ImageMetadata latest = runtime.latestImage();
                if (latest == null) {
                    throw HubException.notFound("detector '" + name + "' has assembled no image yet");
                }
                id = latest.imageId();
            } else {
                id = number("image_id", imageId, 0, Long.MAX_VALUE);
            }
            Preview preview = read(runtime, id, side);
            if (preview != null) {
                return preview;
            }
            if (!newest) {
                break; // that image is gone; the newest one changes, so only it is worth asking again
            }
        }
        ImageMetadata latest = runtime.latestImage();
        throw HubException.notFound("image " + imageId + " of detector '" + name + "' is no longer in its buffer"
                + (latest == null ? "" : " (the buffer holds the last " + runtime.buffer().slots()
                        + " images, up to image " + latest.imageId() + ")"));
    }

    private static Preview read(DetectorRuntime runtime, long imageId, int side) {
        ImageBuffer buffer = runtime.buffer();
        long sequence = buffer.beginRead(imageId);
        if (sequence < 0) {
            return null;
        }
        int slot = buffer.slotOf(imageId);
        SlotMetadata m = buffer.metadata(slot);
        ImagePreview image = ImagePreview.of(buffer.pixels(slot).asReadOnlyBuffer(),
                runtime.definition().imagePixelType(), buffer.height(), buffer.width(), side);
        if (!buffer.unchangedSince(imageId, sequence)) {
            return null;
        }
        return new Preview(runtime.definition().name(), m, buffer.height(), buffer.width(), image);
    }

    /** The {@code X-Preview} header: what the floats of the body are, as JSON. */
    public String describe(Preview preview) throws JsonProcessingException {
        return new String(json.writeValueAsBytes(preview.describe()), StandardCharsets.UTF_8);
    }

    private static long number(String name, String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw HubException.badRequest(name + " must be a whole number, not '" + text + "'");
        }
        if (value < min || value > max) {
            throw HubException.badRequest(name + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    /** One preview: the image's metadata and its scaled values. */
    public record Preview(String detector, SlotMetadata image, int imageHeight, int imageWidth, ImagePreview values) {

        /** The body: little-endian float32 values, row-major. */
        public byte[] body() {
            return values.littleEndianFloats();
        }

        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("detector", detector);
            m.put("image_id", image.imageId());
            m.put("frame_number", image.frameNumber());
            m.put("status", image.status().label());
            m.put("missing_packets", image.missingPackets());
            m.put("modules_received", image.modulesReceived());
            m.put("image_height", imageHeight);
            m.put("image_width", imageWidth);
            m.put("height", values.height());
            m.put("width", values.width());
            m.put("bin", values.bin());
            m.put("min", values.min());
            m.put("max", values.max());
            return m;
        }
    }
}
