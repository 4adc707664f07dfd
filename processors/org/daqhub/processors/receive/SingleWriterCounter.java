package org.daqhub.processors.receive;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter written by one thread (a receive loop) and read by any: an ordered store instead of
 * a locked increment, so counting every packet costs next to nothing.
 */
public final class SingleWriterCounter {

    private final AtomicLong value = new AtomicLong();

    public void increment() {
        value.lazySet(value.get() + 1);
    }

    public void add(long n) {
        value.lazySet(value.get() + n);
    }

    public long get() {
        return value.get();
    }
}
