package org.daqhub.tools.transform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;

/**
 * Reads the images of an HDF5 file written by the hub (NXmx: {@code /entry/data/data}, images x
 * height x width) one image at a time, so files larger than memory are fine, and computes each
 * image's {@link ImageStatistics}. Saturated means at the largest value of the pixel type (65535
 * for 16-bit unsigned pixels) for integers; float images have no saturation value.
 */
public final class ImageFileStatistics {

    public static final String IMAGES = "/entry/data/data";

    private ImageFileStatistics() {
    }

    public static List<ImageStatistics> of(Path file) {
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset data = hdf.getDatasetByPath(IMAGES);
            int[] dims = data.getDimensions();
            if (dims.length != 3) {
                throw new IllegalArgumentException(IMAGES + " has " + dims.length + " dimensions, images need 3");
            }
            double saturation = saturation(data);
            List<ImageStatistics> images = new ArrayList<>(dims[0]);
            for (int i = 0; i < dims[0]; i++) {
                ImageStatistics.Accumulator acc = new ImageStatistics.Accumulator(saturation);
                acc.add(data.getData(new long[] {i, 0, 0}, new int[] {1, dims[1], dims[2]}));
                images.add(acc.result(i));
            }
            return images;
        }
    }

    private static double saturation(Dataset data) {
        Class<?> type = data.getJavaType();
        int bits = data.getDataType().getSize() * 8;
        if (type == float.class || type == double.class || type == Float.class || type == Double.class) {
            return Double.POSITIVE_INFINITY;
        }
        boolean unsigned = data.getDataType() instanceof io.jhdf.object.datatype.FixedPoint f && !f.isSigned();
        return unsigned ? Math.pow(2, bits) - 1 : Math.pow(2, bits - 1) - 1;
    }
}
