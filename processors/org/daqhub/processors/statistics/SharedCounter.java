package org.daqhub.processors.statistics;

import java.util.concurrent.atomic.AtomicLong;

/** A counter any thread may add to. */
final class SharedCounter implements Counter {

    private final AtomicLong value = new AtomicLong();

    @Override
    public void increment() {
        value.incrementAndGet();
    }

    @Override
    public void add(long n) {
        value.addAndGet(n);
    }

    @Override
    public long get() {
        return value.get();
    }
}
