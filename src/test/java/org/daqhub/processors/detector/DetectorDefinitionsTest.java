package org.daqhub.processors.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** std_daq's own files load unchanged; inconsistent ones are refused naming the module. */
class DetectorDefinitionsTest {

    static final Path STD_DAQ = Path.of("config/detectors/std_daq");

    @Test
    void loadsTheRealStdDaqFiles() throws Exception {
        DetectorDefinition eiger = DetectorDefinitions.load(STD_DAQ.resolve("eiger_detector_0_5M.json"));
        assertThat(eiger.type()).isEqualTo(DetectorType.EIGER);
        assertThat(eiger.packetsPerFrame()).isEqualTo(64);
        assertThat(eiger.modules().get(2).mirroredY()).isTrue();
        assertThat(eiger.modules().get(0).mirroredY()).isFalse();
        assertThat(eiger.imagePixelType()).isEqualTo(PixelType.UINT16);

        DetectorDefinition jf = DetectorDefinitions.load(STD_DAQ.resolve("jungfrau_detector.json"));
        assertThat(jf.type()).isEqualTo(DetectorType.JUNGFRAU_CONVERTED);
        assertThat(jf.packetsPerFrame()).isEqualTo(128);
        assertThat(jf.imagePixelType()).isEqualTo(PixelType.FLOAT32);
        assertThat(jf.settings().bufferSlots()).isEqualTo(1000);

        DetectorDefinition single = DetectorDefinitions.load(STD_DAQ.resolve("jungfrau_detector_single_module.json"));
        assertThat(single.nModules()).isEqualTo(1);
    }

    @Test
    void loadsTheShippedSimulatedDetectors() throws Exception {
        assertThat(DetectorDefinitions.load(Path.of("config/detectors/jungfrau-sim.json")).nModules()).isEqualTo(2);
        assertThat(DetectorDefinitions.load(Path.of("config/detectors/eiger-sim.json")).nModules()).isEqualTo(4);
    }

    @Test
    void refusesAModuleOutsideTheImage() throws Exception {
        ObjectNode eiger = eiger();
        positions(eiger).set("1", array(516, 0, 1031, 255));
        assertThatThrownBy(() -> DetectorDefinitions.parse(eiger))
                .hasMessageStartingWith("module 1:").hasMessageContaining("outside the image");
    }

    @Test
    void refusesOverlappingModules() throws Exception {
        ObjectNode eiger = eiger();
        positions(eiger).set("3", array(0, 513, 513, 258));
        assertThatThrownBy(() -> DetectorDefinitions.parse(eiger))
                .hasMessageStartingWith("module 3:").hasMessageContaining("overlaps module 2");
    }

    @Test
    void refusesACountMismatch() throws Exception {
        ObjectNode eiger = eiger();
        eiger.put("n_modules", 5);
        assertThatThrownBy(() -> DetectorDefinitions.parse(eiger))
                .hasMessageContaining("n_modules is 5 but module_positions has 4 entries");
    }

    @Test
    void refusesAModuleOfTheWrongSize() throws Exception {
        ObjectNode eiger = eiger();
        positions(eiger).set("0", array(0, 0, 511, 255));
        assertThatThrownBy(() -> DetectorDefinitions.parse(eiger))
                .hasMessageStartingWith("module 0:").hasMessageContaining("514 x 256");
    }

    @Test
    void refusesMissingFieldsAndUnknownTypes() throws Exception {
        ObjectNode eiger = eiger();
        eiger.remove("start_udp_port");
        assertThatThrownBy(() -> DetectorDefinitions.parse(eiger)).hasMessageContaining("start_udp_port");
        ObjectNode other = eiger();
        other.put("detector_type", "pilatus");
        assertThatThrownBy(() -> DetectorDefinitions.parse(other)).hasMessageContaining("'pilatus' is not supported");
    }

    private static ObjectNode eiger() throws Exception {
        return (ObjectNode) new ObjectMapper().readTree(STD_DAQ.resolve("eiger_detector_0_5M.json").toFile());
    }

    private static ObjectNode positions(JsonNode root) {
        return (ObjectNode) root.get("module_positions");
    }

    private static ArrayNode array(int... values) {
        ArrayNode a = new ObjectMapper().createArrayNode();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }
}
