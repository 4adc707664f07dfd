package org.daqhub.writer;

import java.util.LinkedHashMap;
import java.util.Map;

import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.processors.receive.ModulePosition;

/** The NXdetector group of the files: what the detector definition says about the detector. */
final class NxDetectorFields {

    private NxDetectorFields() {
    }

    static Map<String, Object> of(DetectorDefinition d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", d.type().id());
        m.put("detector_name", d.name());
        m.put("number_of_modules", d.nModules());
        m.put("bit_depth_readout", d.bitDepth());
        m.put("x_pixels_in_detector", d.imageWidth());
        m.put("y_pixels_in_detector", d.imageHeight());
        m.put("pixel_dtype", d.imagePixelType().dtype());
        int[][] positions = new int[d.modules().size()][];
        for (ModulePosition p : d.modules()) {
            positions[p.index()] = new int[] {p.x0(), p.y0(), p.x1(), p.y1()};
        }
        m.put("module_positions", positions);
        return m;
    }
}
