package org.daqhub.detector.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.detector.DetectorAnswers;
import org.daqhub.detector.DetectorRegistry;
import org.daqhub.web.HubException;
import org.daqhub.web.Problem;

/**
 * std_daq's detector configuration endpoints (bean {@code detectorControl}): {@code GET
 * /detector/{name}}, {@code POST /detector} and {@code POST /detector/{name}} with
 * {@code {det_name, config: {...}}} or {@code {cmd: START|STOP|STATUS}}. Answers keep the
 * original's shapes and texts; bodies that are not such a request get the hub's 400 instead of a 500.
 */
public class DetectorControls {

    private final Map<String, DetectorControl> controls = new LinkedHashMap<>();
    /** Detectors whose buffer is a replica of another hub's: controlled there, not here. */
    private final Map<String, String> replicas = new LinkedHashMap<>();
    private final ObjectMapper json;

    public DetectorControls(DetectorRegistry detectors, ObjectMapper json) {
        this.json = json;
        detectors.all().forEach((name, runtime) -> {
            if (runtime.udpPorts().isEmpty()) {
                replicas.put(name, runtime.definition().settings().streamSource());
            } else {
                controls.put(name, new SimulatedDetectorControl(runtime.definition(), "127.0.0.1",
                        runtime.udpPorts().get(0)));
            }
        });
    }

    /** The control of a detector, by name in any case (std_daq accepted "eiger" and "EIGER"). */
    public DetectorControl control(String name) {
        if (name != null) {
            for (Map.Entry<String, DetectorControl> e : controls.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
        }
        for (Map.Entry<String, String> e : replicas.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                throw new HubException(Problem.CONFLICT, "detector " + e.getKey() + " is a replica of the image stream " + e.getValue()
                        + "; set its parameters on the hub that receives it");
            }
        }
        throw HubException.notFound("no detector named '" + name + "'; configured: " + controls.keySet());
    }

    /** {@code GET /detector/{name}}: det_name and the parameters, keys sorted as the original. */
    public DetectorAnswers.Parameters get(String name) {
        DetectorControl control = control(name); // 404 (or 409) before anything else
        return new DetectorAnswers.Parameters(canonical(name).toUpperCase(Locale.ROOT),
                new TreeMap<>(control.parameters()));
    }

    /** {@code POST /detector[/{name}]}. */
    public DetectorAnswers.Reply post(String pathName, String body) throws IOException {
        JsonNode request = json.readTree(body == null ? "" : body);
        if (request == null || !request.isObject()) {
            throw HubException.badRequest("the body must be a JSON object {det_name, config: {...}} or {cmd: START|STOP|STATUS}");
        }
        String name = pathName != null ? pathName : request.path("det_name").asText(null);
        if (name == null) {
            throw HubException.badRequest("det_name is missing");
        }
        DetectorControl control = control(name);
        if (request.has("cmd")) {
            return command(control, request.get("cmd").asText(""));
        }
        JsonNode config = request.get("config");
        if (config == null || !config.isObject()) {
            throw HubException.badRequest("the body has neither config (an object of parameters) nor cmd");
        }
        List<String> unknown = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        config.fields().forEachRemaining(f -> {
            if (DetectorControl.PARAMETERS.contains(f.getKey())) {
                values.put(f.getKey(), json.convertValue(f.getValue(), Object.class));
            } else {
                unknown.add(f.getKey());
            }
        });
        if (!unknown.isEmpty()) {
            return DetectorAnswers.Reply.response("Parameter not valid: " + String.join(" ", unknown));
        }
        try {
            control.set(values);
        } catch (IllegalArgumentException e) {
            throw HubException.badRequest(e.getMessage());
        }
        return DetectorAnswers.Reply.SUCCESS;
    }

    private static DetectorAnswers.Reply command(DetectorControl control, String cmd) {
        switch (cmd.toUpperCase(Locale.ROOT)) {
            case "START" -> {
                try {
                    control.start();
                } catch (IllegalStateException e) {
                    throw new HubException(Problem.CONFLICT, e.getMessage());
                } catch (IllegalArgumentException e) {
                    throw HubException.badRequest(e.getMessage());
                }
                return DetectorAnswers.Reply.SUCCESS;
            }
            case "STOP" -> {
                control.stop();
                return DetectorAnswers.Reply.SUCCESS;
            }
            case "STATUS" -> {
                return new DetectorAnswers.Reply(null, control.status());
            }
            default -> {
                return DetectorAnswers.Reply.response("Eiger command not found.");
            }
        }
    }

    private String canonical(String name) {
        return controls.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(name);
    }
}
