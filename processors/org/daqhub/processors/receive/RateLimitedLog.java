package org.daqhub.processors.receive;

import org.slf4j.Logger;

/**
 * Logs a bad-input reason at most once per interval, saying how many occurred since the last line:
 * a flood of garbage packets must show up in the log without flooding it.
 */
public final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private long lastNanos = Long.MIN_VALUE / 2;
    private long suppressed;

    public RateLimitedLog(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    public void warn(String format, Object... args) {
        long now = System.nanoTime();
        if (now - lastNanos < intervalNanos) {
            suppressed++;
            return;
        }
        if (suppressed > 0) {
            log.warn(format + " (+{} similar since the last such line)", append(args, suppressed));
        } else {
            log.warn(format, args);
        }
        suppressed = 0;
        lastNanos = now;
    }

    private static Object[] append(Object[] args, Object extra) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = extra;
        return all;
    }
}
