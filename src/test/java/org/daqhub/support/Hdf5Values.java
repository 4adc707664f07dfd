package org.daqhub.support;

import java.lang.reflect.Array;

import io.jhdf.api.Dataset;

/**
 * A one-dimensional integer dataset as longs, whatever Java type jhdf reads it as (it widens
 * unsigned types: uint8 to short, uint32 to long, uint64 to BigInteger).
 */
public final class Hdf5Values {

    private Hdf5Values() {
    }

    public static long[] longs(Dataset dataset) {
        Object data = dataset.getData();
        long[] out = new long[Array.getLength(data)];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) Array.get(data, i)).longValue();
        }
        return out;
    }
}
