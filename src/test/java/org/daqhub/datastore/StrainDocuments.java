package org.daqhub.datastore;

import java.util.Locale;

/** Strain documents for tests and benchmarks: {@code samples} values near 1e-21, 4096 Hz. */
public final class StrainDocuments {

    private StrainDocuments() {
    }

    public static String of(int samples, long seed) {
        StringBuilder b = new StringBuilder(samples * 24 + 64).append("{\"h\": [");
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = 0; i < samples; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(String.format(Locale.ROOT, "%.10e", (r.nextDouble() - 0.5) * 2e-21));
        }
        return b.append("], \"t\": [1262304000.0, 0.000244140625]}").toString();
    }
}
