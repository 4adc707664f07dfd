package org.daqhub.processors.io;

import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteBehindTest {

    private final ExecutorService flusher = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        flusher.shutdownNow();
    }

    @Test
    void flushesWhatIsWrittenOnceEnoughHasAccumulated() throws Exception {
        FileChannel channel = mock(FileChannel.class);
        WriteBehind behind = new WriteBehind(channel, 1000, flusher);
        behind.written(600);
        behind.awaitIdle();
        verify(channel, never()).force(false);
        behind.written(600);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> verify(channel, atLeastOnce()).force(false));
        behind.awaitIdle();
    }

    @Test
    void zeroTurnsItOff() throws Exception {
        FileChannel channel = mock(FileChannel.class);
        WriteBehind behind = new WriteBehind(channel, 0, flusher);
        behind.written(1L << 40);
        behind.awaitIdle();
        verify(channel, never()).force(false);
    }

    @Test
    void withoutAFlusherTheFileWaitsForItsClosingFsync() throws Exception {
        FileChannel channel = mock(FileChannel.class);
        WriteBehind behind = new WriteBehind(channel, 1000, null);
        behind.written(1L << 40);
        behind.awaitIdle();
        verify(channel, never()).force(false);
    }
}
