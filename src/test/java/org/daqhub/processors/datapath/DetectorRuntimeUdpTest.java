package org.daqhub.processors.datapath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.ImageStatus;
import org.daqhub.processors.buffer.SlotMetadata;
import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.processors.receive.DetectorDefinitions;
import org.daqhub.processors.receive.ExpectedImage;
import org.daqhub.processors.receive.ImageMetadata;
import org.daqhub.processors.receive.ModuleCounter;
import org.daqhub.processors.receive.ModulePosition;
import org.daqhub.processors.receive.PacketHeader;
import org.daqhub.processors.statistics.Counters;
import org.daqhub.support.FreeUdpPorts;
import org.daqhub.tools.simulator.DetectorSimulator;
import org.daqhub.tools.simulator.SimulatorOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data path without Spring: simulator packets over real UDP into the image buffer. */
class DetectorRuntimeUdpTest {

    @TempDir
    Path dir;

    private DetectorRuntime runtime;
    private final List<ImageMetadata> images = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void jungfrauImagesArriveWholeWithCorrectPixels() throws Exception {
        DetectorDefinition d = start("config/detectors/jungfrau-sim.json");
        DetectorSimulator.Report report = simulate(d, 40, 0, 0, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> images.size() == 40);
        assertThat(report.packetsSent()).isEqualTo(40L * 2 * 128);
        assertAllImagesMatch(d, 40);
        assertThat(runtime.imageStatistics().imagesGood()).isEqualTo(40);
        assertThat(runtime.statistics().packetsLost()).isZero();
        assertThat(images.get(0).imageId()).isEqualTo(DetectorSimulator.imageIdOf(d, 1));
        long before = System.nanoTime();
        runtime.sampleRates(before - 1); // baseline sample
        simulate(d, 10, 0, 0, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> images.size() == 50);
        runtime.sampleRates(System.nanoTime());
        assertThat(runtime.statistics().packetRate()).as("rate of the last sample").isPositive();
        assertThat(runtime.statistics().imageRate()).isPositive();
    }

    @Test
    void everyStepResetsItsShownCountsWhileTheBufferKeepsItsOwn() throws Exception {
        DetectorDefinition d = start("config/detectors/jungfrau-sim.json");
        assertThat(runtime.stages()).as("two module receivers, then the assembler").hasSize(3);
        simulate(d, 5, 0, 0, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> images.size() == 5);

        runtime.resetStatistics();

        assertThat(runtime.statistics().packetsReceived()).isZero();
        assertThat(runtime.statistics().step("images_good")).isZero();
        assertThat(runtime.bufferFilled()).as("the buffer still holds the images").isEqualTo(5);
        assertThat(runtime.imageStatistics().imagesTotal()).as("the step's own logic counts on").isEqualTo(5);
        simulate(d, 2, 0, 0, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> images.size() == 7);
        assertThat(runtime.statistics().step("images_good")).isEqualTo(2L);
    }

    @Test
    void eigerImagesWithMirroredModulesAndGapsAreAssembled() throws Exception {
        DetectorDefinition d = start("config/detectors/eiger-sim.json");
        simulate(d, 30, 0, 0, 0.05);
        await().atMost(Duration.ofSeconds(10)).until(() -> images.size() == 30);
        assertAllImagesMatch(d, 30);
    }

    @Test
    void droppedPacketsAreCountedExactlyAndImagesMarked() throws Exception {
        DetectorDefinition d = start("config/detectors/jungfrau-sim.json");
        DetectorSimulator.Report report = simulate(d, 50, 0.01, 0.01, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> images.size() == 50);
        long lost = runtime.statistics().packetsLost();
        assertThat(report.droppedTotal()).isPositive();
        assertThat(lost).isEqualTo(report.droppedTotal());
        for (int m = 0; m < 2; m++) {
            assertThat(runtime.moduleStatistics().get(m).get(ModuleCounter.PACKETS_LOST)).isEqualTo(report.dropped()[m]);
        }
        assertThat(runtime.moduleStatistics().stream().mapToLong(c -> c.get(ModuleCounter.PACKETS_DUPLICATED)).sum())
                .isEqualTo(report.duplicated());
        long marked = images.stream().filter(i -> i.status() == ImageStatus.MISSING_PACKETS).count();
        long missing = images.stream().mapToLong(ImageMetadata::missingPackets).sum();
        assertThat(marked).isPositive();
        assertThat(missing).isEqualTo(report.droppedTotal());
        assertThat(images.stream().filter(i -> i.status() == ImageStatus.GOOD).count()).isEqualTo(50 - marked);
        assertThat(images).as("images in id order despite the losses").extracting(ImageMetadata::imageId)
                .isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aFrameMissingItsLastPacketIsFlushedByTheTimeoutWithNothingMoreArriving() throws Exception {
        DetectorDefinition d = start("config/detectors/jungfrau-sim.json");
        try (DatagramChannel detector = DatagramChannel.open()) {
            for (int m = 0; m < 2; m++) {
                int packets = m == 0 ? 128 : 127;
                for (int p = 0; p < packets; p++) {
                    ByteBuffer packet = ByteBuffer.allocate(d.type().packetBytes());
                    PacketHeader.write(packet, 1, p, 1, 0, m, 3);
                    detector.send(packet.clear(), new InetSocketAddress("127.0.0.1", runtime.udpPorts().get(m)));
                }
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> images.size() == 1);
        assertThat(images.get(0).status()).isEqualTo(ImageStatus.MISSING_PACKETS);
        assertThat(images.get(0).missingPackets()).isEqualTo(1);
        assertThat(runtime.moduleStatistics().get(1).get(ModuleCounter.PACKETS_LOST)).isEqualTo(1);
        assertThat(runtime.statistics().packetsLost()).isEqualTo(1L);

        runtime.resetStatistics(); // the detector's totals start again with its modules' counts
        assertThat(runtime.statistics().packetsLost()).isZero();
        assertThat(runtime.statistics().packetsReceived()).isZero();
        assertThat(runtime.moduleStatistics().get(1).get(ModuleCounter.PACKETS_LOST)).as("since start").isEqualTo(1);
    }

    @Test
    void anEmptyDatagramIsCountedAsAShortPacket() throws Exception {
        start("config/detectors/jungfrau-sim.json");
        try (DatagramChannel stranger = DatagramChannel.open()) {
            stranger.send(ByteBuffer.allocate(0), new InetSocketAddress("127.0.0.1", runtime.udpPorts().get(0)));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> runtime.moduleStatistics().get(0).snapshot().get("packets_malformed_short") == 1L);
    }

    @Test
    void anotherProcessCanReadTheBufferFile() throws Exception {
        DetectorDefinition d = start("config/detectors/jungfrau-sim.json");
        simulate(d, 3, 0, 0, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> images.size() == 3);
        try (ImageBuffer reader = ImageBuffer.openReadOnly(runtime.buffer().file())) {
            assertThat(reader.width()).isEqualTo(1024);
            assertThat(reader.height()).isEqualTo(1024);
            ByteBuffer pixels = ByteBuffer.allocate(reader.imageBytes());
            SlotMetadata meta = reader.read(images.get(2).imageId(), pixels);
            assertThat(meta).isNotNull();
            assertThat(meta.status()).isEqualTo(ImageStatus.GOOD);
            assertThat(ExpectedImage.firstDifference(ExpectedImage.of(d, meta.imageId(), null),
                    ExpectedImage.read(pixels.flip(), 2))).isEqualTo(-1);
            assertThat(reader.read(images.get(2).imageId() + 1, null)).as("an id the slot does not hold").isNull();
        }
    }

    @Test
    void modulesLeftOutOfTheDefinitionKeepTheOthersOnTheirOwnPorts() throws Exception {
        // std_daq numbers modules by their key; a deactivated module is left out (here module 2):
        // module 3 still listens on start_udp_port + 3.
        String eiger = Files.readString(Path.of("config/detectors/eiger-sim.json"))
                .replace("\"3\": [516, 513", "\"4\": [516, 513").replace("\"2\": [0, 513", "\"3\": [0, 513");
        Path file = dir.resolve("eiger-gap.json");
        Files.writeString(file, eiger);
        DetectorDefinition d = start(file.toString());
        assertThat(d.modules()).extracting(ModulePosition::id).containsExactly(0, 1, 3, 4);
        assertThat(runtime.udpPorts()).containsExactly(base, base + 1, base + 3, base + 4);
        simulate(d, 20, 0, 0, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> images.size() == 20);
        assertAllImagesMatch(d, 20);
        assertThat(runtime.statistics().packetsLost()).isZero();
    }

    private int base;

    private DetectorDefinition start(String file) throws Exception {
        DetectorDefinition d = DetectorDefinitions.load(Path.of(file));
        base = FreeUdpPorts.consecutive(d.modules().get(d.nModules() - 1).id() + 1);
        runtime = new DetectorRuntime(d, "127.0.0.1", Files.createDirectories(dir.resolve("shm")), base, null, null);
        runtime.setSink(images::add);
        runtime.start();
        return d;
    }

    private DetectorSimulator.Report simulate(DetectorDefinition d, int frames, double drop, double duplicate,
            double reorder) throws Exception {
        SimulatorOptions options = SimulatorOptions.defaults().withPort(base)
                .withFrames(frames, 50).withFaults(drop, duplicate, reorder);
        return new DetectorSimulator(d, options).run();
    }

    private void assertAllImagesMatch(DetectorDefinition d, int n) {
        ImageBuffer buffer = runtime.buffer();
        for (ImageMetadata image : images.subList(0, n)) {
            ByteBuffer pixels = ByteBuffer.allocate(buffer.imageBytes());
            SlotMetadata meta = buffer.read(image.imageId(), pixels);
            assertThat(meta).as("image %d in the buffer", image.imageId()).isNotNull();
            assertThat(meta.status()).isEqualTo(ImageStatus.GOOD);
            long[] expected = ExpectedImage.of(d, image.imageId(), null);
            int diff = ExpectedImage.firstDifference(expected, ExpectedImage.read(pixels.flip(), 2));
            assertThat(diff).as("image %d, first wrong pixel %d", image.imageId(), diff).isEqualTo(-1);
        }
    }
}
