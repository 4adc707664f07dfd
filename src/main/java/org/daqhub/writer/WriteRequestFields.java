package org.daqhub.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.daqhub.processors.filewriter.hdf5.Compression;

/**
 * The fields of a std_daq write request, checked: {@code output_file} (string), {@code n_images}
 * (positive integer), and the hub's optional {@code detector}, {@code compression} and
 * {@code images_per_file}. std_daq's {@code sources} names a detector when it is one of this hub's.
 * Anything else in the body is carried along untouched.
 */
record WriteRequestFields(String outputFile, long images, String detector, String compression,
        Integer imagesPerFile) {

    /** @throws IllegalArgumentException naming every problem found */
    static WriteRequestFields of(JsonNode body, long maxImages, Set<String> detectors) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the request body must be a JSON object with output_file and n_images");
        }
        List<String> problems = new ArrayList<>();
        JsonNode file = body.get("output_file");
        if (file == null || file.isNull()) {
            problems.add("output_file is missing");
        } else if (!file.isTextual() || file.asText().isBlank()) {
            problems.add("output_file must be a non-empty string");
        }
        JsonNode n = body.get("n_images");
        if (n == null || n.isNull()) {
            problems.add("n_images is missing");
        } else if (!whole(n) || n.longValue() < 1 || n.longValue() > maxImages) {
            problems.add("n_images must be an integer from 1 to " + maxImages + ", not " + n);
        }
        String detector = text(body, "detector", problems);
        if (detector != null && !detectors.contains(detector)) {
            problems.add("detector '" + detector + "' is not one of " + detectors);
        }
        if (detector == null) {
            detector = detectorFromSources(body.get("sources"), detectors);
        }
        String compression = text(body, "compression", problems);
        if (compression != null) {
            try {
                Compression.parse(compression);
            } catch (IllegalArgumentException unknown) {
                problems.add(unknown.getMessage());
            }
        }
        Integer perFile = null;
        JsonNode k = body.get("images_per_file");
        if (k != null && !k.isNull()) {
            if (!whole(k) || k.longValue() < 1 || k.longValue() > Integer.MAX_VALUE) {
                problems.add("images_per_file must be a positive integer, not " + k);
            } else {
                perFile = k.asInt();
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new WriteRequestFields(file.asText(), n.asLong(), detector, compression, perFile);
    }

    /** A JSON number with no fraction that fits a long (2^64 + 1 is refused, never wrapped to 1). */
    private static boolean whole(JsonNode n) {
        return n.isNumber() && n.canConvertToExactIntegral() && n.canConvertToLong();
    }

    private static String text(JsonNode body, String field, List<String> problems) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(field + " must be a string");
            return null;
        }
        return v.asText();
    }

    /** std_daq's sources: a name or a list of names; the first that is a detector of this hub counts. */
    private static String detectorFromSources(JsonNode sources, Set<String> detectors) {
        if (sources == null) {
            return null;
        }
        List<JsonNode> names = new ArrayList<>();
        if (sources.isArray()) {
            sources.forEach(names::add);
        } else {
            names.add(sources);
        }
        return names.stream().filter(JsonNode::isTextual).map(JsonNode::asText).filter(detectors::contains)
                .findFirst().orElse(null);
    }
}
