package org.daqhub.processors.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class CountersTest {

    enum Example {
        PACKETS_RECEIVED, BYTES_RECEIVED, ERRORS
    }

    @Test
    void theSnapshotNamesEveryCounterInLowerCaseInTheOrderDeclared() {
        Counters<Example> counters = Counters.singleWriter(Example.class);
        counters.increment(Example.PACKETS_RECEIVED);
        counters.increment(Example.PACKETS_RECEIVED);
        counters.add(Example.BYTES_RECEIVED, 8192);
        assertThat(counters.snapshot()).containsExactly(entry("packets_received", 2L),
                entry("bytes_received", 8192L), entry("errors", 0L));
        assertThat(counters.get(Example.BYTES_RECEIVED)).isEqualTo(8192);
    }

    @Test
    void sharedCountersCountEveryThreadsIncrements() throws InterruptedException {
        Counters<Example> counters = Counters.shared(Example.class);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    counters.increment(Example.ERRORS);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(counters.get(Example.ERRORS)).isEqualTo(40_000);
    }

    @Test
    void oneCounterHandedOutIsTheSetsOwn() {
        Counters<Example> counters = Counters.shared(Example.class);
        counters.counter(Example.ERRORS).add(3);
        assertThat(counters.snapshot()).containsEntry("errors", 3L);
    }

    @Test
    void aResetStartsTheShownCountsAgainButNeverTheCounters() {
        Counters<Example> counters = Counters.singleWriter(Example.class);
        counters.add(Example.BYTES_RECEIVED, 100);
        counters.reset();
        counters.add(Example.BYTES_RECEIVED, 5);
        assertThat(counters.snapshot()).containsEntry("bytes_received", 5L);
        assertThat(counters.get(Example.BYTES_RECEIVED)).as("what logic and Prometheus read").isEqualTo(105);
        counters.forEach((name, counter) -> assertThat(counter.get()).isGreaterThanOrEqualTo(0));
    }
}
