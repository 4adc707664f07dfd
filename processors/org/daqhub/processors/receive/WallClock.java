package org.daqhub.processors.receive;

import java.time.Instant;

/** Converts {@link System#nanoTime()} readings (cheap, monotonic) to epoch nanoseconds for metadata. */
public final class WallClock {

    private static final long EPOCH_AT_START;
    private static final long NANO_AT_START;

    static {
        Instant now = Instant.now();
        NANO_AT_START = System.nanoTime();
        EPOCH_AT_START = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private WallClock() {
    }

    public static long epochNanos(long nanoTime) {
        return EPOCH_AT_START + (nanoTime - NANO_AT_START);
    }
}
