package org.daqhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.daqhub.processors.receive.PixelType;
import org.daqhub.processors.filewriter.hdf5.Compression;
import org.daqhub.processors.filewriter.hdf5.ImageRecord;
import org.daqhub.processors.filewriter.hdf5.NxmxFileWriter;

/**
 * NXmx files of 16-bit images written by the hub's own writer, with pixels whose statistics are
 * known: pixel p of image i is {@code i + 1}, except that the first {@code i} pixels of image i are
 * saturated (65535).
 */
public final class TestImageFiles {

    public static final int HEIGHT = 16;
    public static final int WIDTH = 8;

    private TestImageFiles() {
    }

    public static Path write(Path file, int images, Compression compression) {
        try {
            Files.createDirectories(file.getParent());
            try (NxmxFileWriter w = new NxmxFileWriter(file, PixelType.UINT16, HEIGHT, WIDTH, compression,
                    Map.of("description", "test"))) {
                for (int i = 0; i < images; i++) {
                    w.append(w.encode(image(i)), new ImageRecord(i, 1, i, 0, 0, 0, 0));
                }
                return w.close(Map.of("request_id", "test"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteBuffer image(int i) {
        ByteBuffer b = ByteBuffer.allocateDirect(HEIGHT * WIDTH * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int p = 0; p < HEIGHT * WIDTH; p++) {
            b.putShort((short) (p < i ? 65535 : i + 1));
        }
        return b.flip();
    }

    /** The sum of image i's pixels. */
    public static long sum(int i) {
        return (long) i * 65535 + (long) (HEIGHT * WIDTH - i) * (i + 1);
    }

    /** The largest pixel of image i. */
    public static long max(int i) {
        return i > 0 ? 65535 : 1;
    }
}
