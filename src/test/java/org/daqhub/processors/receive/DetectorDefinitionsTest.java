package org.daqhub.processors.receive;

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
    /** std_daq's 9M files, which the hub refuses as they are (see the README there). */
    static final Path NINE_M = Path.of("src/test/resources/std_daq");

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
    void namesTheSwappedImageSizeOfStdDaqsOwn9MFiles() {
        for (String file : new String[] {"eiger_detector_9M.json", "eiger_detector_9M_adjusted.json"}) {
            assertThatThrownBy(() -> DetectorDefinitions.load(NINE_M.resolve(file)))
                    .as(file).hasMessageContaining("falls outside the image of 3264 x 3106 pixels")
                    .hasMessageContaining("an image 3106 wide and 3264 high: are image_pixel_height (3106) and "
                            + "image_pixel_width (3264) swapped?");
        }
    }

    @Test
    void loadsStdDaqs9MWithItsModulesAsNumberedAndTheDeactivatedOnesLeftOut() throws Exception {
        DetectorDefinition full = DetectorDefinitions.parse(swapped("eiger_detector_9M.json"));
        assertThat(full.nModules()).isEqualTo(72);
        assertThat(full.modules()).extracting(ModulePosition::id).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 72).boxed().toList());

        // 68 modules: 62, 63, 66 and 67 deactivated and left out; the others keep their number and port.
        DetectorDefinition adjusted = DetectorDefinitions.parse(swapped("eiger_detector_9M_adjusted.json"));
        assertThat(adjusted.nModules()).isEqualTo(68);
        assertThat(adjusted.modules()).extracting(ModulePosition::id).doesNotContain(62, 63, 66, 67)
                .contains(61, 64, 65, 68, 71).hasSize(68).isSorted();
        assertThat(adjusted.modules()).extracting(ModulePosition::index).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 68).boxed().toList());
        assertThat(adjusted.udpPort(61)).as("slot 61 is module 61").isEqualTo(50020 + 61);
        assertThat(adjusted.udpPort(62)).as("slot 62 is module 64").isEqualTo(50020 + 64);
        assertThat(adjusted.udpPort(67)).as("slot 67 is module 71").isEqualTo(50020 + 71);
        assertThat(adjusted.modules().get(67)).isEqualTo(new ModulePosition(67, 71, 2592, 3263, 3105, 3008));
    }

    @Test
    void refusesModuleKeysThatAreNotNumbers() throws Exception {
        ObjectNode eiger = eiger();
        positions(eiger).set("x", positions(eiger).remove("3"));
        assertThatThrownBy(() -> DetectorDefinitions.parse(eiger))
                .hasMessageContaining("module_positions has an entry \"x\" but modules are numbered 0, 1, 2, ...");
    }

    @Test
    void refusesAStartPortThatLeavesNoRoomForTheHighestModuleNumber() throws Exception {
        ObjectNode eiger = eiger();
        positions(eiger).set("40", positions(eiger).remove("3"));
        eiger.put("start_udp_port", 65500);
        assertThatThrownBy(() -> DetectorDefinitions.parse(eiger))
                .hasMessageContaining("start_udp_port 65500 leaves no room for the port of module 40");
    }

    private static ObjectNode swapped(String file) throws Exception {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(NINE_M.resolve(file).toFile());
        int height = root.get("image_pixel_height").asInt();
        root.put("image_pixel_height", root.get("image_pixel_width").asInt());
        root.put("image_pixel_width", height);
        return root;
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
