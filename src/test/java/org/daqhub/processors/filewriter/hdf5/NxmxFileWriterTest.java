package org.daqhub.processors.filewriter.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;

import org.daqhub.processors.receive.PixelType;
import org.daqhub.support.H5Dump;
import org.daqhub.support.H5py;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.daqhub.support.Hdf5Values;

class NxmxFileWriterTest {

    private static final int HEIGHT = 64;
    private static final int WIDTH = 48;

    @TempDir
    Path dir;

    private static ByteBuffer image(long imageId) {
        ByteBuffer b = ByteBuffer.allocateDirect(HEIGHT * WIDTH * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < HEIGHT * WIDTH; i++) {
            b.putShort((short) ((imageId * 31 + i % 97 + (i / WIDTH) * 3) & 0xFFFF));
        }
        return b.flip();
    }

    private static Map<String, Object> detector() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("description", "jungfrau");
        d.put("number_of_modules", 2);
        return d;
    }

    private Path write(Compression compression, int images) throws IOException {
        Path target = dir.resolve("run_" + compression.label() + ".h5");
        try (NxmxFileWriter w = new NxmxFileWriter(target, PixelType.UINT16, HEIGHT, WIDTH, compression, detector())) {
            for (long id = 100; id < 100 + images; id++) {
                w.append(w.encode(image(id)), new ImageRecord(id, 1, id - 99, 0, id * 10, id * 1000, id * 1000 + 5));
            }
            return w.close(Map.of("request_id", "r-1", "images_written", (long) images));
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void imagesAndMetadataReadBackWithJhdf(Compression compression) throws Exception {
        Path file = write(compression, 7);

        assertThat(dir.resolve(".run_" + compression.label() + ".h5.part")).doesNotExist();
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset data = hdf.getDatasetByPath("/entry/data/data");
            assertThat(data.getDimensions()).containsExactly(7, HEIGHT, WIDTH);
            Object pixels = data.getData();
            for (int n = 0; n < 7; n++) {
                ByteBuffer expected = image(100 + n);
                int[][] rows = ((int[][][]) pixels)[n];
                for (int y = 0; y < HEIGHT; y++) {
                    for (int x = 0; x < WIDTH; x++) {
                        assertThat(rows[y][x]).as("image %d pixel %d,%d", n, y, x)
                                .isEqualTo(expected.getShort((y * WIDTH + x) * 2) & 0xFFFF);
                    }
                }
            }
            assertThat(Hdf5Values.longs(hdf.getDatasetByPath("/entry/data/image_id")))
                    .containsExactly(100, 101, 102, 103, 104, 105, 106);
            assertThat(hdf.getByPath("/entry").getAttribute("request_id").getData()).isEqualTo("r-1");
            assertThat(hdf.getByPath("/entry").getAttribute("NX_class").getData()).isEqualTo("NXentry");
            assertThat(hdf.getDatasetByPath("/entry/instrument/detector/description").getData()).isEqualTo("jungfrau");
            assertThat(hdf.getDatasetByPath("/entry/start_time").getData().toString()).contains("T");
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void h5dumpReadsTheFile(Compression compression) throws Exception {
        Path file = write(compression, 3);
        String out = H5Dump.run(file, "-d", "/entry/data/data", "-s", "2,0,0", "-c", "1,1,4");
        ByteBuffer expected = image(102);
        String values = (expected.getShort(0) & 0xFFFF) + ", " + (expected.getShort(2) & 0xFFFF) + ", "
                + (expected.getShort(4) & 0xFFFF) + ", " + (expected.getShort(6) & 0xFFFF);
        assertThat(out).contains("DATASPACE  SIMPLE { ( 3, 64, 48 ) / ( 3, 64, 48 ) }").contains(values);
        String all = H5Dump.run(file, "-H");
        assertThat(all).contains("/entry/instrument/detector".substring(1).split("/")[2]);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void h5pyReadsTheFile(Compression compression) throws Exception {
        Path file = write(compression, 3);
        ByteBuffer expected = image(102);
        String out = H5py.run(file, """
                d = f['/entry/data/data']
                print(d.shape, d.dtype, d[2, 1, 5], f['/entry'].attrs['request_id'].decode(), f['/entry/data/image_id'][2])
                """);
        assertThat(out).isEqualTo("(3, 64, 48) uint16 " + (expected.getShort((WIDTH + 5) * 2) & 0xFFFF) + " r-1 102");
    }

    @Test
    void oneImageAndNoImageAreValidFiles() throws Exception {
        Path one = write(Compression.NONE, 1);
        try (HdfFile hdf = new HdfFile(one)) {
            assertThat(hdf.getDatasetByPath("/entry/data/data").getDimensions()).containsExactly(1, HEIGHT, WIDTH);
        }
        Path none = write(Compression.LZ4, 0);
        try (HdfFile hdf = new HdfFile(none)) {
            assertThat(hdf.getDatasetByPath("/entry/data/data").getDimensions()).containsExactly(0, HEIGHT, WIDTH);
        }
        if (H5Dump.available()) {
            H5Dump.run(none, "-H");
            H5Dump.run(one);
        }
    }

    @Test
    void lostImagesAreZerosWithTheirStatus() throws Exception {
        Path target = dir.resolve("lost.h5");
        try (NxmxFileWriter w = new NxmxFileWriter(target, PixelType.UINT16, HEIGHT, WIDTH, Compression.NONE, detector())) {
            w.append(w.encode(image(1)), new ImageRecord(1, 1, 1, 0, 0, 0, 0));
            w.append(w.encode(image(2)), new ImageRecord(2, 1, 2, 0, 0, 0, 0));
            w.replaceLastWithLost();
            w.appendLost(3);
            w.close(Map.of());
        }
        try (HdfFile hdf = new HdfFile(target)) {
            int[][][] pixels = (int[][][]) hdf.getDatasetByPath("/entry/data/data").getData();
            assertThat(pixels).hasNumberOfRows(3);
            assertThat(pixels[0][5][5]).isEqualTo(image(1).getShort((5 * WIDTH + 5) * 2) & 0xFFFF);
            assertThat(pixels[1][5][5]).isZero();
            assertThat(Hdf5Values.longs(hdf.getDatasetByPath("/entry/data/image_status")))
                    .containsExactly(1, ImageRecord.LOST, ImageRecord.LOST);
            assertThat(Hdf5Values.longs(hdf.getDatasetByPath("/entry/data/image_id"))).containsExactly(1, 2, 3);
        }
        // what a Python reader sees: the unsigned types of the README, 255 as 255
        String out = H5py.run(target, """
                d = f['/entry/data']
                print(*[d[n].dtype for n in ('image_id', 'image_status', 'frame_number', 'missing_packets',
                        'detector_timestamp', 'first_packet_ns')], d['image_status'][:].tolist())
                """);
        assertThat(out).isEqualTo("uint64 uint8 uint64 uint32 uint64 int64 [1, 255, 255]");
    }

    @Test
    void neverOverwritesAndAbortLeavesNothing() throws Exception {
        Path file = write(Compression.NONE, 1);
        assertThatThrownBy(() -> new NxmxFileWriter(file, PixelType.UINT16, HEIGHT, WIDTH, Compression.NONE, detector()))
                .hasMessageContaining("exists already");
        Path other = dir.resolve("aborted.h5");
        NxmxFileWriter w = new NxmxFileWriter(other, PixelType.UINT16, HEIGHT, WIDTH, Compression.NONE, detector());
        w.append(w.encode(image(1)), ImageRecord.lost(1));
        w.abort();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(file.getFileName().toString());
        }
    }
}
