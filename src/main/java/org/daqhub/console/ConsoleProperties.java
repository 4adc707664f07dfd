package org.daqhub.console;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator console at {@code /hub/}.
 *
 * @param period   how often open pages get a new snapshot (one snapshot per period, shared by all pages)
 * @param maxPages open pages at most; more are refused with 503 so pages cannot pile up cost
 */
@ConfigurationProperties("daqhub.console")
public record ConsoleProperties(Duration period, Integer maxPages) {

    public ConsoleProperties {
        period = period == null ? Duration.ofSeconds(1) : period;
        maxPages = maxPages == null ? 50 : maxPages;
        if (period.toMillis() < 100) {
            throw new IllegalArgumentException("daqhub.console.period must be at least 100ms, not " + period);
        }
    }
}
