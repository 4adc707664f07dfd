package org.daqhub.processors.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.daqhub.tools.simulator.PixelPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Assembly by geometry, checked pixel by pixel against an independent computation. */
class ModulePlacerTest {

    @ParameterizedTest
    @ValueSource(strings = {"eiger_detector_0_5M.json", "jungfrau_detector_single_module.json"})
    void assemblesTheStdDaqGeometries(String file) throws Exception {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(DetectorDefinitionsTest.STD_DAQ.resolve(file).toFile());
        root.put("detector_type", root.get("detector_type").asText().replace("converted", "raw"));
        assertAssembles(DetectorDefinitions.parse(root), 5);
    }

    @Test
    void assemblesTheFourModuleJungfrau() throws Exception {
        DetectorDefinition d = DetectorDefinitions.load(DetectorDefinitionsTest.STD_DAQ.resolve("jungfrau_detector.json"));
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(
                DetectorDefinitionsTest.STD_DAQ.resolve("jungfrau_detector.json").toFile());
        root.put("detector_type", "jungfrau-raw");
        assertAssembles(DetectorDefinitions.parse(root), 7);
        assertThat(d.nModules()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8, 32})
    void assemblesEigerAtOtherBitDepths(int bitDepth) throws Exception {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(
                DetectorDefinitionsTest.STD_DAQ.resolve("eiger_detector_0_5M.json").toFile());
        root.put("bit_depth", bitDepth);
        assertAssembles(DetectorDefinitions.parse(root), 3);
    }

    @Test
    void mirroredInXReversesEachRow() throws Exception {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(
                DetectorDefinitionsTest.STD_DAQ.resolve("jungfrau_detector_single_module.json").toFile());
        root.put("detector_type", "jungfrau-raw");
        ((ObjectNode) root.get("module_positions")).set("0", new ObjectMapper().readTree("[1023, 511, 0, 0]"));
        assertAssembles(DetectorDefinitions.parse(root), 2);
    }

    @Test
    void identityConversionGivesTheAdcValuesAsFloat() throws Exception {
        DetectorDefinition d = DetectorDefinitions.load(
                DetectorDefinitionsTest.STD_DAQ.resolve("jungfrau_detector_single_module.json"));
        JungfrauConverter converter = JungfrauConverter.identity(1, 1024 * 512);
        ByteBuffer image = ByteBuffer.allocateDirect(d.imageBytes()).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer frame = PixelPattern.frame(d, 3, 0);
        frame.putShort(2, (short) (0x4000 | 100)); // gain stage 1, ADC 100
        frame.putShort(4, (short) (0x8000 | 100)); // gain bits 2: invalid
        new ModulePlacer(d, converter).placeAll(new ByteBuffer[] {ByteBuffer.allocateDirect(frame.capacity())
                .order(ByteOrder.LITTLE_ENDIAN).put(frame.rewind())}, image);
        assertThat(image.getFloat(0)).isEqualTo((float) PixelPattern.value(d, 3, 0, 0, 0));
        assertThat(image.getFloat(4)).isEqualTo(100f);
        assertThat(image.getFloat(8)).isNaN();
    }

    @Test
    void placingAllModulesZeroesTheMissingOnesAndOnlyThem() throws Exception {
        DetectorDefinition d = DetectorDefinitions.load(Path.of("config/detectors/eiger-sim.json"));
        ByteBuffer[] frames = frames(d, 4);
        frames[1] = null;
        ByteBuffer image = ByteBuffer.allocateDirect(d.imageBytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < d.imageBytes(); i++) {
            image.put(i, (byte) 0x55);
        }
        new ModulePlacer(d, null).placeAll(frames, image);
        long[] expected = ExpectedImage.of(d, 4, null);
        long[] actual = ExpectedImage.read(image, d.imagePixelType().bytes());
        ModulePosition missing = d.modules().get(1);
        for (int y = 0; y < d.imageHeight(); y++) {
            for (int x = 0; x < d.imageWidth(); x++) {
                int i = y * d.imageWidth() + x;
                boolean inMissing = missing.xMin() <= x && x <= missing.xMax() && missing.yMin() <= y
                        && y <= missing.yMax();
                if (inMissing) {
                    assertThat(actual[i]).as("pixel (%d, %d) of the missing module", x, y).isZero();
                } else if (expected[i] != 0) {
                    assertThat(actual[i]).as("pixel (%d, %d)", x, y).isEqualTo(expected[i]);
                }
            }
        }
    }

    @Test
    void everyModuleIsConvertedInPlace() throws Exception {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(
                DetectorDefinitionsTest.STD_DAQ.resolve("jungfrau_detector.json").toFile());
        root.put("detector_type", "jungfrau-converted");
        DetectorDefinition d = DetectorDefinitions.parse(root);
        ByteBuffer image = ByteBuffer.allocateDirect(d.imageBytes()).order(ByteOrder.LITTLE_ENDIAN);
        new ModulePlacer(d, JungfrauConverter.identity(d.nModules(), 1024 * 512)).placeAll(frames(d, 6), image);
        long[] expected = ExpectedImage.of(d, 6, null); // gain stage 0: identity gives the ADC value
        for (int i = 0; i < expected.length; i++) {
            if (image.getFloat(4 * i) != (float) expected[i]) {
                assertThat(image.getFloat(4 * i)).as("pixel (%d, %d)", i % d.imageWidth(), i / d.imageWidth())
                        .isEqualTo((float) expected[i]);
            }
        }
    }

    private static ByteBuffer[] frames(DetectorDefinition d, long imageId) {
        ByteBuffer[] frames = new ByteBuffer[d.nModules()];
        for (int m = 0; m < d.nModules(); m++) {
            ByteBuffer frame = PixelPattern.frame(d, imageId, m);
            frames[m] = ByteBuffer.allocateDirect(frame.capacity()).order(ByteOrder.LITTLE_ENDIAN);
            frames[m].put(frame.rewind()).rewind();
        }
        return frames;
    }

    static void assertAssembles(DetectorDefinition d, long imageId) {
        ByteBuffer image = ByteBuffer.allocateDirect(d.imageBytes()).order(ByteOrder.LITTLE_ENDIAN);
        new ModulePlacer(d, null).placeAll(frames(d, imageId), image);
        long[] expected = ExpectedImage.of(d, imageId, null);
        long[] actual = ExpectedImage.read(image, d.imagePixelType().bytes());
        int diff = ExpectedImage.firstDifference(expected, actual);
        assertThat(diff).as("first wrong pixel (x=%d, y=%d)", diff % d.imageWidth(), diff / d.imageWidth())
                .isEqualTo(-1);
    }
}
