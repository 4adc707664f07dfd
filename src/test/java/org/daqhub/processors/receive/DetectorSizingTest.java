package org.daqhub.processors.receive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.processors.buffer.ImageBuffer;
import org.junit.jupiter.api.Test;

/** What a detector needs, from its definition: the README's sizing formula. */
class DetectorSizingTest {

    private static final long MIB = 1024 * 1024;

    /** std_daq's 9M geometry: 72 Eiger half-modules of 514 x 256, 32-bit. */
    private static DetectorDefinition nineM(int poolSize, int slots) throws Exception {
        StringBuilder positions = new StringBuilder();
        for (int m = 0; m < 72; m++) {
            int x = (m % 6) * 514;
            int y = (m / 6) * 256;
            positions.append(m == 0 ? "" : ",").append('"').append(m).append("\":[").append(x).append(',').append(y)
                    .append(',').append(x + 513).append(',').append(y + 255).append(']');
        }
        return DetectorDefinitions.parse(new ObjectMapper().readTree("{\"detector_name\": \"9m\", \"detector_type\":"
                + " \"eiger\", \"n_modules\": 72, \"bit_depth\": 32, \"image_pixel_height\": 3072,"
                + " \"image_pixel_width\": 3084, \"start_udp_port\": 2000, \"module_positions\": {" + positions + "},"
                + " \"daqhub\": {\"frame_pool_size\": " + poolSize + ", \"buffer_slots\": " + slots + "}}"));
    }

    @Test
    void theFormulaOfTheReadme() throws Exception {
        DetectorDefinition d = nineM(64, 100);
        DetectorSizing s = DetectorSizing.of(d);
        long moduleFrame = (long) d.packetsPerFrame() * d.type().payloadBytes();
        assertThat(s.directBytes()).isEqualTo(72L * 64 * moduleFrame + 4 * moduleFrame + d.imageBytes()
                + d.type().packetBytes());
        assertThat(s.bufferFileBytes()).isEqualTo(ImageBuffer.fileBytes(100, 3072, 3084, 4));
        assertThat(s.bufferFileBytes()).isGreaterThan(100L * 3072 * 3084 * 4);
    }

    @Test
    void aDetectorThatDoesNotFitIsRefusedWithItsNumbersAndTheSettingToChange() throws Exception {
        DetectorDefinition d = nineM(64, 100);
        DetectorSizing s = DetectorSizing.of(d);
        assertThat(s.refusal(d, 128 * MIB, Long.MAX_VALUE, "/dev/shm")).contains("detector 9m needs")
                .contains("MiB of direct memory").contains("72 modules x 64 frames").contains("128 MiB left")
                .contains("frame_pool_size").contains("MaxDirectMemorySize");
        assertThat(s.refusal(d, Long.MAX_VALUE, 64 * MIB, "/dev/shm")).contains("for its image buffer (100 slots")
                .contains("/dev/shm has 64 MiB free").contains("lower buffer_slots");
        assertThat(s.refusal(d, s.directBytes(), s.bufferFileBytes(), "/dev/shm")).as("exactly enough").isNull();
    }
}
