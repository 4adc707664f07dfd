package org.daqhub.processors.statistics;

/** One monotonic count, made by {@link Counters} and read by /stats, Prometheus and the console. */
public interface Counter {

    void increment();

    void add(long n);

    long get();
}
