package org.daqhub.events;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;

/** A WebSocket client for tests (the JDK's): collects text and binary frames and the close. */
public final class EventSockets {

    /** What a socket got, in order: text frames as strings, binary frames as byte arrays. */
    public static final class Client implements WebSocket.Listener {
        public final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private ByteBuffer binary = ByteBuffer.allocate(0);
        private final boolean reading;
        WebSocket socket;

        Client(boolean reading) {
            this.reading = reading;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            if (reading) {
                webSocket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                frames.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            ByteBuffer grown = ByteBuffer.allocate(binary.remaining() + data.remaining());
            grown.put(binary).put(data).flip();
            binary = grown;
            if (last) {
                byte[] b = new byte[binary.remaining()];
                binary.get(b);
                frames.add(b);
                binary = ByteBuffer.allocate(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            pongs.add(message);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
        }

        Object next() throws InterruptedException {
            Object f = frames.poll(10, TimeUnit.SECONDS);
            if (f == null) {
                throw new AssertionError("no frame within 10 s; closed: " + closed.getNow("no"));
            }
            return f;
        }

        String closeReason() throws Exception {
            return closed.get(10, TimeUnit.SECONDS);
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final java.util.regex.Pattern SUFFIX = java.util.regex.Pattern.compile("\\|ordinal: \\d+\\|timestamp: \\d+$");

    /** A text frame of a non-JSON message without Squonk's {@code |ordinal: N|timestamp: T}; other frames as they are. */
    static Object text(Object frame) {
        return frame instanceof String s ? SUFFIX.matcher(s).replaceFirst("") : frame;
    }

    private EventSockets() {
    }

    public static Client connect(String url) throws Exception {
        return connect(url, true);
    }

    /** {@code reading = false}: a client that never reads (a slow consumer). */
    static Client connect(String url, boolean reading) throws Exception {
        Client client = new Client(reading);
        // A client that never reads gets its own HttpClient: it must not share a selector with the others.
        HttpClient http = reading ? HTTP : HttpClient.newHttpClient();
        client.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), client).get(10, TimeUnit.SECONDS);
        return client;
    }

    /**
     * Publishes a probe on {@code key} until {@code client} gets it (the hub binds its queue in the
     * background), then lets the probes still on their way arrive and drops them.
     */
    static void awaitLive(Client client, Channel channel, String key) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            channel.basicPublish("event-streams", key, null, "probe".getBytes(StandardCharsets.UTF_8));
            return "probe".equals(text(client.frames.poll(100, TimeUnit.MILLISECONDS)));
        });
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> {
            client.frames.clear();
            return true;
        });
    }
}
