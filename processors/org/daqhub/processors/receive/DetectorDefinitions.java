package org.daqhub.processors.receive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads std_daq detector definition files unchanged (a facility's existing file works as it is)
 * and refuses inconsistent ones with a message naming the offending module. Keys std_daq defines
 * but the hub does not use are accepted and ignored; hub settings live under {@code "daqhub"}.
 */
public final class DetectorDefinitions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_BUFFER_IMAGES = 1000;

    private DetectorDefinitions() {
    }

    public static DetectorDefinition load(Path file) throws IOException {
        try {
            return parse(JSON.readTree(Files.readString(file)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file.getFileName() + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static DetectorDefinition parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a detector definition is a JSON object");
        }
        String name = text(root, "detector_name");
        DetectorType type = DetectorType.fromId(text(root, "detector_type"));
        int nModules = integer(root, "n_modules");
        int bitDepth = integer(root, "bit_depth");
        int height = integer(root, "image_pixel_height");
        int width = integer(root, "image_pixel_width");
        int startPort = integer(root, "start_udp_port");
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("detector_name '" + name + "' may only use letters, digits, _ . -");
        }
        if (type.isJungfrau() && bitDepth != 16) {
            throw new IllegalArgumentException("bit_depth of a Jungfrau is 16, not " + bitDepth);
        }
        PixelType.forBitDepth(bitDepth);
        if (nModules < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("n_modules, image_pixel_height and image_pixel_width must be positive");
        }
        List<ModulePosition> modules = modules(root, type, nModules, width, height);
        int lastId = modules.get(modules.size() - 1).id();
        if (startPort < 1 || startPort + lastId > 65535) {
            throw new IllegalArgumentException("start_udp_port " + startPort + " leaves no room for the port of module "
                    + lastId);
        }
        JsonNode hub = root.path("daqhub");
        DetectorSettings settings = settings(hub, root, (long) width * height
                * (type == DetectorType.JUNGFRAU_CONVERTED ? 4 : PixelType.forBitDepth(bitDepth).bytes()), startPort);
        return new DetectorDefinition(name, type, nModules, bitDepth, height, width, startPort, modules, settings);
    }

    /**
     * The modules by std_daq module id (the key; its UDP port is start_udp_port + id). As in
     * std_daq, ids need not run 0 to n-1: a facility leaves out deactivated modules (std_daq's
     * {@code eiger_detector_9M_adjusted.json} has 68 modules numbered up to 71). Each module gets a
     * slot index 0 to n-1 in id order, which the hub's per-module arrays use.
     */
    private static List<ModulePosition> modules(JsonNode root, DetectorType type, int nModules, int width, int height) {
        JsonNode positions = root.get("module_positions");
        if (positions == null || !positions.isObject()) {
            throw new IllegalArgumentException("module_positions is missing (an object \"i\": [x0, y0, x1, y1])");
        }
        if (positions.size() != nModules) {
            throw new IllegalArgumentException("n_modules is " + nModules + " but module_positions has "
                    + positions.size() + " entries");
        }
        TreeMap<Integer, JsonNode> byId = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = positions.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> e = entries.next();
            if (!e.getKey().matches("\\d{1,5}")) {
                throw new IllegalArgumentException("module_positions has an entry \"" + e.getKey()
                        + "\" but modules are numbered 0, 1, 2, ... (their UDP port is start_udp_port + number)");
            }
            byId.put(Integer.parseInt(e.getKey()), e.getValue());
        }
        List<ModulePosition> modules = new ArrayList<>();
        for (Map.Entry<Integer, JsonNode> e : byId.entrySet()) {
            int id = e.getKey();
            JsonNode p = e.getValue();
            if (!p.isArray() || p.size() != 4 || !allInts(p)) {
                throw new IllegalArgumentException("module " + id + ": position must be [x0, y0, x1, y1], got " + p);
            }
            ModulePosition m = new ModulePosition(modules.size(), id, p.get(0).asInt(), p.get(1).asInt(),
                    p.get(2).asInt(), p.get(3).asInt());
            if (m.xMin() < 0 || m.yMin() < 0 || m.xMax() >= width || m.yMax() >= height) {
                throw new IllegalArgumentException("module " + id + ": " + p + " falls outside the image of "
                        + width + " x " + height + " pixels" + swappedHint(byId.values(), width, height));
            }
            if (m.spanWidth() != type.moduleSpanWidth() || m.spanHeight() != type.moduleHeight()) {
                throw new IllegalArgumentException("module " + id + ": " + p + " spans " + m.spanWidth() + " x "
                        + m.spanHeight() + " pixels but a " + type.id() + " module is " + type.moduleSpanWidth()
                        + " x " + type.moduleHeight());
            }
            for (ModulePosition other : modules) {
                if (m.overlaps(other)) {
                    throw new IllegalArgumentException("module " + id + ": " + p + " overlaps module " + other.id());
                }
            }
            modules.add(m);
        }
        return List.copyOf(modules);
    }

    /**
     * std_daq does not check that modules fit the image (it writes past the end), and some of its
     * own files give height and width the wrong way round: say so when swapping them would fit.
     */
    private static String swappedHint(Iterable<JsonNode> positions, int width, int height) {
        int maxX = 0;
        int maxY = 0;
        for (JsonNode p : positions) {
            if (p.isArray() && p.size() == 4) {
                maxX = Math.max(maxX, Math.max(p.get(0).asInt(), p.get(2).asInt()));
                maxY = Math.max(maxY, Math.max(p.get(1).asInt(), p.get(3).asInt()));
            }
        }
        return maxX < height && maxY < width && (maxX >= width || maxY >= height)
                ? "; the positions need an image " + (maxX + 1) + " wide and " + (maxY + 1) + " high: are "
                        + "image_pixel_height (" + height + ") and image_pixel_width (" + width + ") swapped?"
                : "";
    }

    private static DetectorSettings settings(JsonNode hub, JsonNode root, long imageBytes, int startPort) {
        int slots;
        if (hub.has("buffer_slots")) {
            slots = hub.get("buffer_slots").asInt();
        } else if (root.has("ram_buffer_gb")) {
            slots = (int) Math.max(2, Math.min(Integer.MAX_VALUE, (long) (root.get("ram_buffer_gb").asDouble()
                    * (1L << 30) / imageBytes)));
        } else {
            slots = DEFAULT_BUFFER_IMAGES;
        }
        int syncQueue = hub.path("module_sync_queue_size").asInt(root.path("module_sync_queue_size").asInt(50));
        return new DetectorSettings(slots,
                hub.hasNonNull("buffer_dir") ? hub.get("buffer_dir").asText() : null,
                hub.path("frame_timeout_ms").asInt(100),
                hub.path("image_timeout_ms").asInt(500),
                syncQueue,
                hub.path("frame_pool_size").asInt(64),
                hub.path("receive_buffer_bytes").asInt(64 * 1024 * 1024),
                hub.path("validate_module_id").asBoolean(false),
                hub.has("metadata_endpoint") ? hub.get("metadata_endpoint").asText() : "tcp://*:" + startPort,
                hub.path("stream_endpoint").asText(""),
                hub.path("stream_source").asText(""),
                hub.path("calibration").path("pedestal_file").asText(""),
                hub.path("calibration").path("gain_file").asText(""));
    }

    private static boolean allInts(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isInt()) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new IllegalArgumentException(key + " is missing or not a string");
        }
        return n.asText();
    }

    private static int integer(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new IllegalArgumentException(key + " is missing or not an integer");
        }
        return n.asInt();
    }

}
