package org.daqhub.writer;

import java.math.BigDecimal;

/**
 * std_daq's timestamps: epoch seconds with a fraction, written as plain decimals
 * ({@code 1627898398.259}) as Python wrote them, not as {@code 1.627898398259E9}.
 */
final class Timestamps {

    private Timestamps() {
    }

    static BigDecimal now() {
        return of(System.currentTimeMillis());
    }

    static BigDecimal of(long epochMillis) {
        return BigDecimal.valueOf(epochMillis, 3);
    }
}
