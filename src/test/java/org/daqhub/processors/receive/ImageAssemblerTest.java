package org.daqhub.processors.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.ImageStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image assembly driven with hand-made module frames (no sockets, no assembler thread). */
class ImageAssemblerTest {

    @TempDir
    Path dir;

    private DetectorDefinition eiger;
    private ImageBuffer buffer;
    private FramePool[] pools;
    private ImageAssembler assembler;
    private final List<ImageMetadata> images = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        eiger = DetectorDefinitions.load(Path.of("config/detectors/eiger-sim.json"));
        buffer = ImageBuffer.create(dir.resolve("buffer"), eiger.name(), 16, eiger.imageHeight(), eiger.imageWidth(),
                eiger.imagePixelType().bytes(), eiger.imagePixelType().code());
        pools = new FramePool[eiger.nModules()];
        for (int m = 0; m < pools.length; m++) {
            pools[m] = new FramePool(m, 8, eiger.packetsPerFrame(), eiger.type().payloadBytes());
        }
        assembler = new ImageAssembler(eiger, buffer, new ModulePlacer(eiger, null));
        assembler.setSink(images::add);
    }

    @AfterEach
    void tearDown() throws Exception {
        buffer.close();
    }

    /** A complete frame of {@code module} for image {@code id}. */
    private void frame(int module, long id) {
        ModuleFrame f = pools[module].acquire();
        f.reset(id, id, 0, System.nanoTime());
        f.packets = eiger.packetsPerFrame();
        assembler.accept(f);
    }

    private void allModules(long id) {
        for (int m = 0; m < eiger.nModules(); m++) {
            frame(m, id);
        }
    }

    @Test
    void anImageIsAssembledWhenEveryModuleHasSentItsFrame() {
        for (int m = 0; m < eiger.nModules() - 1; m++) {
            frame(m, 1);
        }
        assertThat(images).isEmpty();
        frame(eiger.nModules() - 1, 1);
        assertThat(images).extracting(ImageMetadata::imageId).containsExactly(1L);
        assertThat(images.get(0).status()).isEqualTo(ImageStatus.GOOD);
    }

    @Test
    void anImageWhoseModuleFrameWasLostLeavesIncompleteBeforeTheNextOneNotAfterTheTimeout() {
        for (int m = 1; m < eiger.nModules(); m++) {
            frame(m, 1); // module 0's frame of image 1 never comes
        }
        allModules(2);
        assertThat(images).extracting(ImageMetadata::imageId).containsExactly(1L, 2L);
        assertThat(images.get(0).status()).isEqualTo(ImageStatus.MISSING_PACKETS);
        assertThat(images.get(0).missingPackets()).isEqualTo(eiger.packetsPerFrame());
        assertThat(images.get(1).status()).isEqualTo(ImageStatus.GOOD);
        assertThat(assembler.images().snapshot()).containsEntry("images_with_modules_missing", 1L);
    }

    @Test
    void modulesRunningAFewFramesApartStillMakeWholeImages() {
        for (long id = 1; id <= 3; id++) {
            frame(1, id);
            frame(2, id);
            frame(3, id);
        }
        for (long id = 1; id <= 3; id++) {
            frame(0, id); // the slow module's frames, in order
        }
        assertThat(images).extracting(ImageMetadata::imageId).containsExactly(1L, 2L, 3L);
        assertThat(images).extracting(ImageMetadata::status).containsOnly(ImageStatus.GOOD);
    }
}
