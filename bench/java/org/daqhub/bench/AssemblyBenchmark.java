package org.daqhub.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.processors.receive.DetectorDefinitions;
import org.daqhub.processors.receive.JungfrauConverter;
import org.daqhub.processors.receive.ModulePlacer;
import org.daqhub.tools.simulator.PixelPattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Image assembly (all modules of one image placed by the geometry) against the baseline of copying
 * the same bytes with one bulk copy per module (what System.arraycopy does for direct buffers),
 * and Jungfrau conversion to float32. One op = one image; GB/s = ops/s x bytes per image.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AssemblyBenchmark {

    /** jungfrau4: std_daq's 4-module Jungfrau (4 MiB images); eiger: std_daq's Eiger 0.5M (mirrored halves, gaps). */
    @Param({"jungfrau4", "eiger"})
    public String detector;

    /**
     * Destination images the benchmark cycles through. 1: the same image every time, so everything
     * stays in the caches, which measures the per-copy overhead. 64: a new image each time, as the
     * assembler writes slot after slot of the image buffer (64 images are more than this machine's
     * 32 MiB L3 cache); the baselines cycle through the same number of destinations.
     */
    @Param({"1", "64"})
    public int slots;

    private DetectorDefinition definition;
    private ModulePlacer placer;
    private ByteBuffer[] frames;
    private ByteBuffer[] images;
    private ByteBuffer[] flats;
    private byte[][] heapFrames;
    private byte[][] heapImages;
    private int next;

    private DetectorDefinition converted;
    private ModulePlacer converter;
    private ByteBuffer floatImage;

    @Setup
    public void setUp() throws Exception {
        definition = load(detector.equals("eiger") ? "eiger_detector_0_5M.json" : "jungfrau_detector.json", false);
        placer = new ModulePlacer(definition, null);
        frames = new ByteBuffer[definition.nModules()];
        heapFrames = new byte[definition.nModules()][];
        for (int m = 0; m < frames.length; m++) {
            ByteBuffer f = PixelPattern.frame(definition, 1, m);
            frames[m] = ByteBuffer.allocateDirect(f.capacity()).order(ByteOrder.LITTLE_ENDIAN);
            frames[m].put(f.rewind()).rewind();
            heapFrames[m] = f.array();
        }
        images = new ByteBuffer[slots];
        flats = new ByteBuffer[slots];
        heapImages = new byte[slots][];
        for (int i = 0; i < slots; i++) {
            images[i] = ByteBuffer.allocateDirect(definition.imageBytes()).order(ByteOrder.LITTLE_ENDIAN);
            flats[i] = ByteBuffer.allocateDirect(definition.frameBytes() * definition.nModules());
            heapImages[i] = new byte[definition.frameBytes() * definition.nModules()];
        }
        if (!detector.equals("eiger")) {
            converted = load("jungfrau_detector.json", true);
            converter = new ModulePlacer(converted,
                    JungfrauConverter.identity(converted.nModules(), 1024 * 512));
            floatImage = ByteBuffer.allocateDirect(converted.imageBytes()).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private static DetectorDefinition load(String file, boolean convertedType) throws Exception {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(Path.of("config/detectors/std_daq", file).toFile());
        if (root.get("detector_type").asText().startsWith("jungfrau")) {
            root.put("detector_type", convertedType ? "jungfrau-converted" : "jungfrau-raw");
        }
        return DetectorDefinitions.parse(root);
    }

    private int nextSlot() {
        int slot = next;
        next = slot + 1 == slots ? 0 : slot + 1;
        return slot;
    }

    /** What the assembler does: all modules at once, image row after image row. */
    @Benchmark
    public ByteBuffer assemble() {
        ByteBuffer image = images[nextSlot()];
        placer.placeAll(frames, image);
        return image;
    }

    @Benchmark
    public ByteBuffer baselineBulkCopy() {
        int size = definition.frameBytes();
        ByteBuffer flat = flats[nextSlot()];
        for (int m = 0; m < frames.length; m++) {
            flat.put(m * size, frames[m], 0, size);
        }
        return flat;
    }

    @Benchmark
    public byte[] baselineSystemArraycopy() {
        int size = definition.frameBytes();
        byte[] heapImage = heapImages[nextSlot()];
        for (int m = 0; m < heapFrames.length; m++) {
            System.arraycopy(heapFrames[m], 0, heapImage, m * size, size);
        }
        return heapImage;
    }

    @Benchmark
    public ByteBuffer jungfrauConversion() {
        if (converter == null || slots != 1) {
            return null;
        }
        converter.placeAll(frames, floatImage);
        return floatImage;
    }
}
