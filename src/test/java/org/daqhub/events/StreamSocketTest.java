package org.daqhub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.daqhub.processors.statistics.Counters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/** A socket's own queue, without Spring or a network: a client that does not read, in both policies. */
class StreamSocketTest {

    private final ExecutorService sender = Executors.newFixedThreadPool(2);
    private final CountDownLatch clientReads = new CountDownLatch(1);
    private final CountDownLatch sending = new CountDownLatch(1);
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final AtomicReference<CloseStatus> closed = new AtomicReference<>();

    @AfterEach
    void stop() {
        clientReads.countDown();
        sender.shutdownNow();
    }

    /** A session whose first send blocks until the client "reads" (as a full TCP window does). */
    private WebSocketSession session() {
        return (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebSocketSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "sendMessage" -> {
                        sending.countDown();
                        clientReads.await();
                        sent.add(((TextMessage) args[0]).getPayload());
                        yield null;
                    }
                    case "close" -> {
                        closed.set(args == null || args.length == 0 ? CloseStatus.NORMAL : (CloseStatus) args[0]);
                        yield null;
                    }
                    case "isOpen" -> closed.get() == null;
                    case "toString" -> "test session";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Frame frame(int n) {
        return new Frame(n, 0, "m" + n, null);
    }

    @Test
    void aSocketThatFallsBehindIsClosedWithAReasonAndCounted() {
        Counters<EventStreamCounter> stats = Counters.shared(EventStreamCounter.class);
        StreamSocket socket = new StreamSocket(session(), sender, 5, false, stats);
        for (int i = 0; i < 10; i++) {
            socket.send(frame(i)); // never blocks the caller, whatever the client does
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> closed.get() != null);
        assertThat(closed.get()).isEqualTo(StreamSocket.TOO_SLOW);
        assertThat(stats.get(EventStreamCounter.SOCKETS_CLOSED_SLOW_CONSUMER)).isEqualTo(1);
    }

    @Test
    void dropOldestKeepsTheNewestFramesAndCountsTheDropped() throws InterruptedException {
        Counters<EventStreamCounter> stats = Counters.shared(EventStreamCounter.class);
        StreamSocket socket = new StreamSocket(session(), sender, 3, true, stats);
        socket.send(frame(0)); // taken by the sender, which then waits for the client
        assertThat(sending.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 10; i++) {
            socket.send(frame(i));
        }
        clientReads.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.contains("m10"));
        assertThat(closed.get()).isNull();
        assertThat(sent).endsWith("m8", "m9", "m10");
        assertThat(stats.get(EventStreamCounter.FRAMES_DROPPED_SLOW_CONSUMER)).isEqualTo(10 - 3);
    }
}
