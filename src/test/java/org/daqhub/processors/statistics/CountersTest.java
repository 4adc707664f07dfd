package org.daqhub.processors.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class CountersTest {

    @Test
    void theSnapshotHoldsEveryCounterInTheOrderDeclared() {
        Counters counters = new Counters();
        Counter packets = counters.singleWriter("packets_received");
        Counter bytes = counters.singleWriter("bytes_received");
        Counter errors = counters.shared("errors");
        packets.increment();
        packets.increment();
        bytes.add(8192);
        errors.increment();
        assertThat(counters.snapshot()).containsExactly(entry("packets_received", 2L),
                entry("bytes_received", 8192L),
                entry("errors", 1L));
    }

    @Test
    void sharedCountersCountEveryThreadsIncrements() throws InterruptedException {
        Counters counters = new Counters();
        Counter shared = counters.shared("n");
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    shared.increment();
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(shared.get()).isEqualTo(40_000);
    }

    @Test
    void aNameDeclaredTwiceIsRefused() {
        Counters counters = new Counters();
        counters.shared("images");
        assertThatThrownBy(() -> counters.singleWriter("images")).hasMessageContaining("images declared twice");
    }
}
