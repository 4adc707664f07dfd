package org.daqhub.tools.transform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.daqhub.processors.io.DurableFiles;

/**
 * Writes a file's image statistics as JSON ({@code {"file": ..., "images": [{index, sum, max,
 * saturated, pixels}]}}) or CSV (a header line, then one line an image), atomically: temporary
 * file, fsync, rename, so a reader never sees half a result.
 */
public final class StatisticsFile {

    private StatisticsFile() {
    }

    /** Writes into {@code dir} a file named after the input; answers its path. */
    public static Path write(Path dir, long fileId, Path input, List<ImageStatistics> images, String format)
            throws IOException {
        Files.createDirectories(dir);
        String name = fileId + "_" + input.getFileName() + ".stats." + format;
        byte[] bytes = (format.equals("csv") ? csv(images) : json(input, images)).getBytes(StandardCharsets.UTF_8);
        Path target = dir.resolve(name);
        Path temp = dir.resolve("." + name + ".tmp");
        DurableFiles.writeAtomically(temp, target, bytes, false, true);
        return target;
    }

    static String csv(List<ImageStatistics> images) {
        StringBuilder s = new StringBuilder("index,sum,max,saturated,pixels\n");
        for (ImageStatistics i : images) {
            s.append(i.index()).append(',').append(number(i.sum())).append(',').append(number(i.max())).append(',')
                    .append(i.saturated()).append(',').append(i.pixels()).append('\n');
        }
        return s.toString();
    }

    static String json(Path input, List<ImageStatistics> images) {
        StringBuilder s = new StringBuilder("{\"file\":\"").append(escape(input.toString())).append("\",\"images\":[");
        for (int n = 0; n < images.size(); n++) {
            ImageStatistics i = images.get(n);
            s.append(n == 0 ? "" : ",").append("{\"index\":").append(i.index()).append(",\"sum\":")
                    .append(number(i.sum())).append(",\"max\":").append(number(i.max())).append(",\"saturated\":")
                    .append(i.saturated()).append(",\"pixels\":").append(i.pixels()).append('}');
        }
        return s.append("]}\n").toString();
    }

    /** Whole numbers without a fraction (sums of integer pixels), others as Java prints doubles. */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
