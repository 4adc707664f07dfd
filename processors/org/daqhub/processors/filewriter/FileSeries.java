package org.daqhub.processors.filewriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files one request writes. Up to {@code imagesPerFile} images go into {@code output_file}
 * itself, as std_daq clients expect; a longer acquisition is split into complete files of
 * {@code imagesPerFile} images named {@code <output>_000001.h5}, {@code <output>_000002.h5}, ... so a
 * crash loses at most the file being written.
 *
 * @param realDirectory the real path of the files' directory when the request was accepted (checked
 *                      inside the output roots then); each file is opened only if it is still the
 *                      same, so a directory swapped for a link meanwhile leads nowhere. Null: not checked.
 */
public record FileSeries(List<Path> files, int imagesPerFile, Path realDirectory) {

    public static FileSeries of(Path output, long images, int imagesPerFile) {
        if (images <= imagesPerFile) {
            return new FileSeries(List.of(output), imagesPerFile, null);
        }
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : ".h5";
        long count = (images + imagesPerFile - 1) / imagesPerFile;
        if (count > 999_999) {
            throw new IllegalArgumentException(images + " images at " + imagesPerFile
                    + " per file would need more than 999999 files");
        }
        List<Path> files = new ArrayList<>();
        for (long i = 1; i <= count; i++) {
            files.add(output.resolveSibling(String.format("%s_%06d%s", stem, i, extension)));
        }
        return new FileSeries(List.copyOf(files), imagesPerFile, null);
    }

    /** The same files, to be opened only while their directory's real path is {@code realDirectory}. */
    public FileSeries within(Path realDirectory) {
        return new FileSeries(files, imagesPerFile, realDirectory);
    }

    /** Images that go into file {@code index} (0-based) of a request for {@code total} images. */
    public long imagesIn(int index, long total) {
        return Math.min(imagesPerFile, total - (long) index * imagesPerFile);
    }
}
