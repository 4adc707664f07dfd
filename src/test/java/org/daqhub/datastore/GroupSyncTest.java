package org.daqhub.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class GroupSyncTest {

    /** Starts a thread calling awaitSynced; the future completes when it returns. */
    private static CompletableFuture<Void> request(GroupSync sync, List<Thread> threads) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                sync.awaitSynced();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        threads.add(t);
        t.start();
        return done;
    }

    @Test
    void requestsArrivingDuringAFlushShareTheNextOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger flushes = new AtomicInteger();
        GroupSync sync = new GroupSync(() -> {
            if (flushes.incrementAndGet() == 1) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        });
        List<Thread> threads = new ArrayList<>();
        CompletableFuture<Void> first = request(sync, threads);
        await().until(() -> flushes.get() == 1); // the first flush runs and is held
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            others.add(request(sync, threads));
        }
        await().until(() -> threads.stream().skip(1).allMatch(t -> t.getState() == Thread.State.WAITING));
        assertThat(first).isNotDone(); // nobody returns before its flush
        assertThat(others).noneMatch(CompletableFuture::isDone);

        release.countDown();
        CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        first.get(10, TimeUnit.SECONDS);
        assertThat(flushes).hasValue(2); // one for the first, one for the ten that waited
    }

    @Test
    void aLoneRequestFlushesOnceAndReturns() throws Exception {
        AtomicInteger flushes = new AtomicInteger();
        GroupSync sync = new GroupSync(flushes::incrementAndGet);
        sync.awaitSynced();
        sync.awaitSynced();
        assertThat(flushes).hasValue(2);
    }

    @Test
    void aFailedFlushFailsEveryRequestItCoveredAndOnlyThose() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        GroupSync sync = new GroupSync(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("Input/output error");
            }
        });
        assertThatThrownBy(sync::awaitSynced).isInstanceOf(IOException.class)
                .hasMessage("directory fsync failed: Input/output error");
        sync.awaitSynced(); // the next flush works: nothing left in a failed state
        List<Thread> threads = new ArrayList<>();
        CompletableFuture<Void> later = request(sync, threads);
        try {
            later.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("a later request failed", e.getCause());
        }
    }
}
