package org.daqhub.processors.filewriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.jhdf.HdfFile;
import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.ImageStatus;
import org.daqhub.processors.buffer.SlotMetadata;
import org.daqhub.processors.filewriter.hdf5.Compression;
import org.daqhub.processors.filewriter.hdf5.ImageRecord;
import org.daqhub.processors.receive.ImageMetadata;
import org.daqhub.processors.receive.PixelType;
import org.daqhub.support.FaultyDisks;
import org.daqhub.support.Hdf5Values;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The writer against a real image buffer, with no Spring and no network. */
class DetectorWriterTest {

    private static final int H = 32;
    private static final int W = 16;

    @TempDir
    Path tmp;
    private ImageBuffer buffer;
    private DetectorWriter writer;
    private Thread thread;

    @BeforeEach
    void setUp() throws Exception {
        buffer = ImageBuffer.create(tmp.resolve("buffer"), "test", 4, H, W, 2, PixelType.UINT16.code());
        writer = new DetectorWriter("test", buffer, PixelType.UINT16, Map.of("description", "test"), 8);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (thread != null) {
            thread.join(10_000);
        }
        buffer.close();
    }

    private static short pixel(long id, int i) {
        return (short) (id * 7 + i);
    }

    /** The assembler's part: pixels into the slot, then the metadata; answers what the route hands over. */
    private ImageMetadata assemble(long id) {
        int slot = buffer.slotOf(id);
        buffer.beginWrite(slot);
        ByteBuffer px = buffer.pixels(slot);
        for (int i = 0; i < H * W; i++) {
            px.putShort(i * 2, pixel(id, i));
        }
        buffer.endWrite(slot, new SlotMetadata(id, id, ImageStatus.GOOD, 1, 0, id, 1, 2));
        return new ImageMetadata("test", id, id, H, W, "uint16", ImageStatus.GOOD, slot, 1, 1, 0, id, 1, 2);
    }

    private WriteJob start(String file, long images, int perFile) throws Exception {
        Path out = new OutputRoots(List.of(tmp.resolve("out"))).resolve(file);
        WriteJob job = new WriteJob(new WriteRequest("req-" + file, "test", file, images,
                FileSeries.of(out, images, perFile), Compression.NONE));
        thread = new Thread(() -> writer.write(job));
        thread.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> job.state() != WriteState.QUEUED);
        return job;
    }

    /** Compression on a pool of threads: every image in the file, in order, byte-identical after decompression. */
    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "BITSHUFFLE_LZ4", "DEFLATE"})
    void imagesCompressedOnThePoolAreWrittenInImageOrder(Compression compression) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (ImageBuffer big = ImageBuffer.create(tmp.resolve("big-" + compression.label()), "test", 64, H, W, 2,
                PixelType.UINT16.code())) {
            buffer.close();
            buffer = big;
            DetectorWriter parallel = new DetectorWriter("test", big, PixelType.UINT16, Map.of("description", "test"), 8,
                    pool, 3);
            assertThat(parallel.compressionThreads()).isEqualTo(3);
            Path out = new OutputRoots(List.of(tmp.resolve("out"))).resolve("pool-" + compression.label() + ".h5");
            WriteJob job = new WriteJob(new WriteRequest("req-pool", "test", out.getFileName().toString(), 20,
                    FileSeries.of(out, 20, 8), compression));
            thread = new Thread(() -> parallel.write(job));
            thread.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> job.state() != WriteState.QUEUED);
            for (long id = 40; id < 60; id++) {
                parallel.offer(assemble(id));
            }
            assertThat(job.awaitEnd(20, TimeUnit.SECONDS)).isTrue();
            assertThat(job.state()).as(String.valueOf(job.message())).isEqualTo(WriteState.SUCCEEDED);
            assertThat(job.written()).isEqualTo(20);
            assertThat(job.files()).hasSize(3);
            long id = 40;
            for (Path file : job.files()) {
                try (HdfFile f = new HdfFile(file)) {
                    long[] ids = Hdf5Values.longs(f.getDatasetByPath("/entry/data/image_id"));
                    int[][][] px = (int[][][]) f.getDatasetByPath("/entry/data/data").getData();
                    for (int n = 0; n < ids.length; n++, id++) {
                        assertThat(ids[n]).isEqualTo(id);
                        for (int i = 0; i < H * W; i += 7) {
                            assertThat(px[n][i / W][i % W]).as("image %d pixel %d", id, i).isEqualTo(pixel(id, i) & 0xFFFF);
                        }
                    }
                }
            }
            assertThat(id).isEqualTo(60);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFrameThatNeverBecameAnImageKeepsItsPlaceInTheFile() throws Exception {
        WriteJob job = start("gap.h5", 5, 10);
        writer.offer(assemble(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> job.done() >= 1);
        writer.offer(assemble(31));
        await().atMost(Duration.ofSeconds(10)).until(() -> job.done() >= 2);
        writer.offer(assemble(34)); // frames 32 and 33 never became images
        assertThat(job.awaitEnd(10, TimeUnit.SECONDS)).isTrue();

        assertThat(job.state()).isEqualTo(WriteState.SUCCEEDED);
        assertThat(job.written()).isEqualTo(3);
        assertThat(job.missing()).isEqualTo(2);
        assertThat(job.status().imagesMissing()).isEqualTo(2L);
        try (HdfFile f = new HdfFile(tmp.resolve("out/gap.h5"))) {
            assertThat(Hdf5Values.longs(f.getDatasetByPath("/entry/data/image_id"))).containsExactly(30, 31, 32, 33, 34);
            assertThat(Hdf5Values.longs(f.getDatasetByPath("/entry/data/frame_number"))).containsExactly(30, 31, 32, 33, 34);
            assertThat(Hdf5Values.longs(f.getDatasetByPath("/entry/data/image_status"))).containsExactly(1, 1, 2, 2, 1);
            assertThat(Hdf5Values.longs(f.getDatasetByPath("/entry/data/missing_packets"))).containsExactly(0, 0, 8, 8, 0);
            int[][][] px = (int[][][]) f.getDatasetByPath("/entry/data/data").getData();
            assertThat(px[2][1][1]).as("a placeholder's pixels are zeros").isZero();
            assertThat(px[4][1][1]).isEqualTo(pixel(34, W + 1) & 0xFFFF);
        }
    }

    @Test
    void writesTheNextImagesIntoFilesOfKImages() throws Exception {
        writer.offer(assemble(1)); // before the request: not part of it
        WriteJob job = start("run.h5", 5, 2);
        for (long id = 10; id < 17; id++) {
            writer.offer(assemble(id));
            final long written = id - 9;
            await().atMost(Duration.ofSeconds(10)).until(() -> job.done() >= Math.min(written, 5));
        }
        assertThat(job.awaitEnd(10, TimeUnit.SECONDS)).isTrue();

        assertThat(job.state()).isEqualTo(WriteState.SUCCEEDED);
        assertThat(job.written()).isEqualTo(5);
        assertThat(job.files()).containsExactly(tmp.resolve("out/run_000001.h5"), tmp.resolve("out/run_000002.h5"),
                tmp.resolve("out/run_000003.h5"));
        try (HdfFile f = new HdfFile(tmp.resolve("out/run_000003.h5"))) {
            assertThat(Hdf5Values.longs(f.getDatasetByPath("/entry/data/image_id"))).containsExactly(14);
            int[][][] px = (int[][][]) f.getDatasetByPath("/entry/data/data").getData();
            assertThat(px[0][3][5]).isEqualTo(pixel(14, 3 * W + 5) & 0xFFFF);
            assertThat(f.getByPath("/entry").getAttribute("file_index").getData()).isEqualTo(3L);
            assertThat(f.getByPath("/entry").getAttribute("killed").getData()).isEqualTo("false");
        }
        assertThat(writer.statistics().get(WriterCounter.IMAGES_WRITTEN)).isEqualTo(5);
        assertThat(writer.active()).isNull();
    }

    @Test
    void aKillLeavesAClosedFileSayingSo() throws Exception {
        WriteJob job = start("killed.h5", 100, 1000);
        writer.offer(assemble(1));
        writer.offer(assemble(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> job.written() == 2);
        job.kill();
        assertThat(job.awaitEnd(10, TimeUnit.SECONDS)).isTrue();

        assertThat(job.state()).isEqualTo(WriteState.KILLED);
        assertThat(job.message()).contains("killed after 2 of 100");
        try (HdfFile f = new HdfFile(tmp.resolve("out/killed.h5"))) {
            assertThat(f.getDatasetByPath("/entry/data/data").getDimensions()).containsExactly(2, H, W);
            assertThat(f.getByPath("/entry").getAttribute("killed").getData()).isEqualTo("true");
        }
    }

    @Test
    void aKillBeforeTheStartWritesNothing() throws Exception {
        Path out = tmp.resolve("out/never.h5");
        WriteJob job = new WriteJob(new WriteRequest("r", "test", "never.h5", 3, FileSeries.of(out, 3, 10),
                Compression.NONE));
        job.kill();
        writer.write(job);
        assertThat(job.state()).isEqualTo(WriteState.KILLED);
        assertThat(out).doesNotExist();
    }

    @Test
    void imagesOverwrittenBeforeTheWriterReadThemAreRecordedAsLost() throws Exception {
        WriteJob job = start("lost.h5", 6, 100);
        // The writer is handed 6 images in one go while the 4-slot buffer keeps only the last 4.
        ImageMetadata[] images = new ImageMetadata[6];
        for (int i = 0; i < 6; i++) {
            images[i] = assemble(20 + i);
        }
        for (ImageMetadata m : images) {
            writer.offer(m);
        }
        assertThat(job.awaitEnd(10, TimeUnit.SECONDS)).isTrue();

        assertThat(job.written()).isEqualTo(4);
        assertThat(job.lost()).isEqualTo(2);
        assertThat(job.message()).contains("2 images were overwritten");
        try (HdfFile f = new HdfFile(tmp.resolve("out/lost.h5"))) {
            assertThat(Hdf5Values.longs(f.getDatasetByPath("/entry/data/image_status")))
                    .containsExactly(ImageRecord.LOST, ImageRecord.LOST, 1, 1, 1, 1);
            assertThat(Hdf5Values.longs(f.getDatasetByPath("/entry/data/image_id")))
                    .containsExactly(20, 21, 22, 23, 24, 25);
        }
    }

    @Test
    void aDirectorySwappedForALinkAfterTheRequestIsNotWrittenInto() throws Exception {
        OutputRoots roots = new OutputRoots(List.of(tmp.resolve("out")));
        Path out = roots.resolve("run/x.h5");
        FileSeries series = FileSeries.of(out, 2, 10).within(out.getParent().toRealPath());
        // between the request and the first image, the directory becomes a link out of the roots
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.delete(out.getParent());
        Files.createSymbolicLink(out.getParent(), elsewhere);
        WriteJob job = new WriteJob(new WriteRequest("req-swapped", "test", "run/x.h5", 2, series, Compression.NONE));
        thread = new Thread(() -> writer.write(job));
        thread.start();
        assertThat(job.awaitEnd(10, TimeUnit.SECONDS)).isTrue();
        assertThat(job.state()).isEqualTo(WriteState.FAILED);
        assertThat(job.message()).contains("replaced by a link");
        try (var files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
        writesOneMore("after-swap.h5");
    }

    @Test
    void anUnwritableDirectoryFailsWithTheReasonAndLeavesNoFile() throws Exception {
        Path locked = Files.createDirectories(tmp.resolve("out/locked"));
        FaultyDisks.lock(locked);
        try {
            WriteJob job = start("locked/x.h5", 2, 10); // fails at once: the file is opened before any image
            assertThat(job.awaitEnd(10, TimeUnit.SECONDS)).isTrue();
            assertThat(job.state()).isEqualTo(WriteState.FAILED);
            assertThat(job.message()).containsAnyOf("permission denied", "Operation not permitted");
            try (var files = Files.list(locked)) {
                assertThat(files).isEmpty();
            }
        } finally {
            FaultyDisks.unlock(locked);
        }
        // the writer is ready for the next request
        writesOneMore("after-failure.h5");
    }

    @Test
    void aFullDiskFailsWithTheReasonAndRemovesThePartialFile() throws Exception {
        Path tiny = tmp.resolve("out/tiny");
        FaultyDisks.mountTiny(tiny, 64 * 1024);
        try {
            // 1 KiB images, 200 of them: more than 64 KiB even for the ones written as lost (zeros)
            WriteJob job = start("tiny/full.h5", 200, 1000);
            for (long id = 1; id <= 200; id++) {
                writer.offer(assemble(id));
            }
            assertThat(job.awaitEnd(10, TimeUnit.SECONDS)).isTrue();
            assertThat(job.state()).isEqualTo(WriteState.FAILED);
            assertThat(job.message()).contains("No space left on device");
            try (var files = Files.list(tiny)) {
                assertThat(files).isEmpty();
            }
        } finally {
            FaultyDisks.unmount(tiny);
        }
        writesOneMore("after-full.h5");
    }

    private void writesOneMore(String name) throws Exception {
        thread.join(10_000);
        WriteJob next = start(name, 1, 10);
        writer.offer(assemble(99));
        assertThat(next.awaitEnd(10, TimeUnit.SECONDS)).isTrue();
        assertThat(next.state()).isEqualTo(WriteState.SUCCEEDED);
    }
}
