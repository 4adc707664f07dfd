package org.daqhub.processors.io;

import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.nio.channels.FileChannel;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class WriteBehindTest {

    @Test
    void flushesWhatIsWrittenOnceEnoughHasAccumulated() throws Exception {
        FileChannel channel = mock(FileChannel.class);
        WriteBehind behind = new WriteBehind(channel, 1000);
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
        WriteBehind behind = new WriteBehind(channel, 0);
        behind.written(1L << 40);
        behind.awaitIdle();
        verify(channel, never()).force(false);
    }
}
