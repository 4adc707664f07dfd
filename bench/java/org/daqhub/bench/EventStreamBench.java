package org.daqhub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

/**
 * AMQP to WebSocket fan-out of a running hub: 10 streams with 10 sockets each; messages published
 * round-robin on the 10 routing keys at a fixed rate for the given time; every socket measures the
 * publish-to-receive latency (publisher and sockets share this JVM's clock). First, in the same
 * run, a raw AMQP consumer on 10 other routing keys measures what the broker delivers to one
 * consumer as fast as it can (on other keys, so the hub's queue is not filled meanwhile).
 *
 * <p>The publisher uses confirms with at most {@code window} messages unconfirmed (fifth argument,
 * default 1,000), so "as fast as possible" is as fast as the broker accepts: without a window, the
 * messages a publisher writes faster than the broker reads wait in the publisher's own socket
 * buffer (3-4 MB, over a second of messages), stamped and counted in the latency before the broker
 * has seen them. The hub's queue is bounded: a message it refuses is nacked, counted as refused;
 * only accepted messages are expected on the sockets. Messages are published with
 * {@code mandatory}, as the embedded broker acknowledges a message it dropped at the bound
 * otherwise. (With the raw consumer's queue bound to the same keys, Qpid would not refuse a
 * message that one of two queues took.)
 *
 * <pre>
 * java -jar target/daq-hub.jar --daqhub.detector.enabled=false &amp;
 * mvn -Pbench test-compile exec:exec -Dbench.main=org.daqhub.bench.EventStreamBench \
 *     -Dbench.args="http://127.0.0.1:8080 5673 30 2000,5000,8000,0 1000 raw"
 * </pre>
 * A rate of 0 publishes as fast as the broker accepts. The sixth argument {@code raw} reads the
 * sockets with {@link RawWebSocketClients} (one selector thread) instead of the JDK's client, whose
 * CPU on a two-core machine is taken from the hub being measured; each row prints both processes'
 * CPU.
 */
public final class EventStreamBench {

    private static final int STREAMS = 10;
    private static final int SOCKETS_PER_STREAM = 10;

    public static void main(String[] args) throws Exception {
        String hub = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int amqpPort = args.length > 1 ? Integer.parseInt(args[1]) : 5673;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String[] rates = (args.length > 3 ? args[3] : "2000,5000,0").split(",");
        int window = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        boolean rawClients = args.length > 5 && args[5].equals("raw");
        HttpClient http = HttpClient.newHttpClient();
        RawWebSocketClients raw = rawClients ? new RawWebSocketClients() : null;
        String prefix = "bench" + System.currentTimeMillis() % 100000;
        List<Socket> sockets = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int s = 0; s < STREAMS; s++) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(hub + "/event-stream/"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"routing_key\": \"" + prefix + "." + s + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String location = created.body().replaceAll(".*\"location\":\"([^\"]+)\".*", "$1");
            ids.add(created.body().replaceAll(".*\"id\":([0-9]+).*", "$1"));
            for (int k = 0; k < SOCKETS_PER_STREAM; k++) {
                Socket socket = new Socket();
                if (raw != null) {
                    raw.connect(URI.create(location), socket::message);
                } else {
                    http.newWebSocketBuilder().buildAsync(URI.create(location), socket).get(10, TimeUnit.SECONDS);
                }
                sockets.add(socket);
            }
        }
        if (raw != null) {
            raw.start();
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(URI.create(hub).getHost());
        factory.setPort(amqpPort);
        try (Connection amqp = factory.newConnection(); Channel publisher = amqp.createChannel();
                Channel rawChannel = amqp.createChannel()) {
            rawBaseline(publisher, rawChannel, prefix, seconds);
            publisher.confirmSelect();
            ConfirmWindow confirms = new ConfirmWindow(window);
            publisher.addConfirmListener(confirms);
            Thread.sleep(3000); // the hub binds its queue to the new routing keys within its sync interval
            System.out.println("Publisher confirms, at most " + window + " messages unconfirmed; WebSocket clients: "
                    + (raw != null ? "raw (one selector thread)" : "JDK HttpClient"));
            System.out.println("| publish rate asked | published msg/s | refused by the broker | accepted msg/s "
                    + "| WebSocket deliveries/s | p50 | p99 | max | lost | p99 publish to hub | p99 hub to socket "
                    + "| CPU cores: hub, bench |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            for (String rate : rates) {
                run(publisher, prefix, Integer.parseInt(rate.trim()), seconds, sockets, confirms);
            }
        } finally {
            // the streams and their replay logs would otherwise stay in the hub and weigh on the next run
            for (String id : ids) {
                http.send(HttpRequest.newBuilder(URI.create(hub + "/event-stream/" + id)).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            if (raw != null) {
                raw.close();
            }
        }
    }

    /** A raw AMQP consumer's receive rate, publishing as fast as possible on keys no stream uses. */
    private static void rawBaseline(Channel publisher, Channel rawChannel, String prefix, int seconds)
            throws Exception {
        AtomicLong raw = new AtomicLong();
        String rawQueue = rawChannel.queueDeclare("", false, true, true, null).getQueue();
        for (int s = 0; s < STREAMS; s++) {
            rawChannel.queueBind(rawQueue, "event-streams", prefix + ".raw." + s);
        }
        String tag = rawChannel.basicConsume(rawQueue, true, new DefaultConsumer(rawChannel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, com.rabbitmq.client.AMQP.BasicProperties p,
                    byte[] body) {
                raw.incrementAndGet();
            }
        });
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long sent = 0;
        while (System.nanoTime() < end) {
            publisher.basicPublish("event-streams", prefix + ".raw." + (sent % STREAMS), null, message(sent));
            sent++;
        }
        double published = sent / ((System.nanoTime() - start) / 1e9);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (raw.get() < sent && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        rawChannel.basicCancel(tag); // the queue is auto-delete
        System.out.printf(Locale.ROOT, "Raw AMQP consumer, publishing as fast as possible for %d s: published %.0f msg/s,"
                + " received %d of %d (%.0f msg/s until the last arrived)%n", seconds, published, raw.get(), sent,
                raw.get() / elapsed);
    }

    /** Message {@code n}, stamped with the time it is published (the sockets read it back for the latency). */
    private static byte[] message(long n) {
        return ("{\"t\":" + System.nanoTime() + ",\"w\":" + System.currentTimeMillis() + ",\"n\":" + n + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void run(Channel publisher, String prefix, int rate, int seconds, List<Socket> sockets,
            ConfirmWindow confirms) throws Exception {
        sockets.forEach(Socket::reset);
        AtomicLong refused = confirms.nacked;
        long refusedBefore = refused.get();
        ProcessCpu cpu = ProcessCpu.start();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long sent = 0;
        while (System.nanoTime() < end) {
            if (rate > 0) {
                long due = start + sent * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(wait, 1_000_000));
                    continue;
                }
            }
            confirms.publishing(publisher.getNextPublishSeqNo());
            publisher.basicPublish("event-streams", prefix + "." + (sent % STREAMS), true, null, message(sent));
            sent++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        confirms.awaitAllSettled();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received(sockets) < (sent - (refused.get() - refusedBefore)) * SOCKETS_PER_STREAM
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        double drained = (System.nanoTime() - start) / 1e9;
        // a hub not found (not started from daq-hub.jar) has no figure, rather than a misleading 0
        String hubCores = cpu.found() ? String.format(Locale.ROOT, "%.2f", cpu.hubNanos() / 1e9 / drained) : "n/a";
        double benchCores = cpu.benchNanos() / 1e9 / drained;
        long refusedNow = refused.get() - refusedBefore;
        long expected = (sent - refusedNow) * SOCKETS_PER_STREAM;
        long got = received(sockets);
        long[] latencies = sockets.stream().flatMapToLong(s -> Arrays.stream(s.latencies, 0, s.count)).sorted().toArray();
        long[] toHub = sockets.stream().flatMapToLong(s -> Arrays.stream(s.toHubMillis, 0, s.count)).sorted().toArray();
        long[] fromHub = sockets.stream().flatMapToLong(s -> Arrays.stream(s.fromHubMillis, 0, s.count)).sorted()
                .toArray();
        System.out.printf(Locale.ROOT, "| %s | %.0f | %d | %.0f | %.0f | %.1f ms | %.1f ms | %.1f ms | %d | %.0f ms | %.0f ms "
                + "| %s, %.2f |%n",
                rate == 0 ? "as fast as possible" : rate + "/s", sent / elapsed, refusedNow,
                (sent - refusedNow) / elapsed, got / drained, pct(latencies, 0.50), pct(latencies, 0.99),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1000.0, expected - got,
                pct(toHub, 0.99) * 1000, pct(fromHub, 0.99) * 1000, hubCores, benchCores);
    }

    /** Publisher confirms with a bounded number of messages unconfirmed; nacked messages are counted. */
    static final class ConfirmWindow implements ConfirmListener {
        final AtomicLong nacked = new AtomicLong();
        private final ConcurrentSkipListSet<Long> unconfirmed = new ConcurrentSkipListSet<>();
        private final Semaphore permits;
        private final int size;

        ConfirmWindow(int size) {
            this.size = size;
            this.permits = new Semaphore(size);
        }

        void publishing(long sequenceNumber) throws InterruptedException {
            permits.acquire();
            unconfirmed.add(sequenceNumber);
        }

        void awaitAllSettled() throws InterruptedException {
            permits.acquire(size);
            permits.release(size);
        }

        @Override
        public void handleAck(long tag, boolean multiple) {
            settle(tag, multiple, false);
        }

        @Override
        public void handleNack(long tag, boolean multiple) {
            settle(tag, multiple, true);
        }

        private void settle(long tag, boolean multiple, boolean nack) {
            int n = 0;
            if (multiple) {
                for (var upToTag = unconfirmed.headSet(tag, true); upToTag.pollFirst() != null; ) {
                    n++;
                }
            } else if (unconfirmed.remove(tag)) {
                n = 1;
            }
            if (nack) {
                nacked.addAndGet(n);
            }
            permits.release(n);
        }
    }

    private static double pct(long[] sortedMicros, double p) {
        return sortedMicros.length == 0 ? 0 : sortedMicros[(int) Math.min(sortedMicros.length - 1,
                sortedMicros.length * p)] / 1000.0;
    }

    private static long received(List<Socket> sockets) {
        return sockets.stream().mapToLong(s -> s.received.get()).sum();
    }

    /**
     * One WebSocket client: counts frames and keeps their latency in microseconds, and its two legs
     * in milliseconds by the wall clock: publish to the hub's delivery (the frame's {@code ess_timestamp})
     * and from there to this socket.
     */
    static final class Socket implements WebSocket.Listener {
        final AtomicLong received = new AtomicLong();
        long[] latencies = new long[1 << 16];
        long[] toHubMillis = new long[1 << 16];
        long[] fromHubMillis = new long[1 << 16];
        int count;
        private final StringBuilder text = new StringBuilder();

        synchronized void reset() {
            received.set(0);
            count = 0;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                message(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        /** One whole message: its latency, if it is one of the bench's. */
        void message(String s) {
            long t = field(s, "\"t\":");
            if (t >= 0) {
                long hub = field(s, "\"ess_timestamp\":");
                record((System.nanoTime() - t) / 1000, hub - field(s, "\"w\":"), System.currentTimeMillis() - hub);
            }
        }

        private static long field(String json, String name) {
            int i = json.indexOf(name);
            if (i < 0) {
                return -1;
            }
            int from = i + name.length();
            int to = from;
            while (to < json.length() && Character.isDigit(json.charAt(to))) {
                to++;
            }
            return Long.parseLong(json.substring(from, to));
        }

        private synchronized void record(long micros, long toHub, long fromHub) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
                toHubMillis = Arrays.copyOf(toHubMillis, count * 2);
                fromHubMillis = Arrays.copyOf(fromHubMillis, count * 2);
            }
            toHubMillis[count] = toHub;
            fromHubMillis[count] = fromHub;
            latencies[count++] = micros;
            received.incrementAndGet();
        }
    }

    private EventStreamBench() {
    }
}
