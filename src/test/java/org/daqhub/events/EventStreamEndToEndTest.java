package org.daqhub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.springrabbit.SpringRabbitMQEndpoint;
import org.daqhub.support.Http;
import org.daqhub.support.HubTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Event streams over the real protocols: the internal API over HTTP, messages published by a raw
 * AMQP client on the event-streams exchange, received by WebSocket clients.
 */
class EventStreamEndToEndTest extends HubTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    @Autowired
    private ApplicationContext hub;
    private Connection amqp;
    private Channel channel;

    @BeforeEach
    void connectToTheBroker() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(BROKER_PORT);
        amqp = factory.newConnection();
        channel = amqp.createChannel();
        channel.exchangeDeclare("event-streams", "direct", true); // as Squonk's clients declare it
    }

    @AfterEach
    void close() throws Exception {
        amqp.close();
    }

    private void publish(String key, String body) throws Exception {
        publish(key, body.getBytes(StandardCharsets.UTF_8));
    }

    private void publish(String key, byte[] body) throws Exception {
        channel.basicPublish("event-streams", key, null, body);
    }

    private JsonNode create(String routingKey) {
        HttpResponse<String> created = http().postJson("/event-stream/", "{\"routing_key\": \"" + routingKey + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created);
    }

    /** Publishes a probe until the stream's socket gets it: the hub binds its queue in the background. */
    private void awaitLive(String key, EventSockets.Client client) throws Exception {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            publish(key, "probe");
            Object f = client.frames.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            return "probe".equals(EventSockets.text(f));
        });
        client.frames.clear();
    }

    @Test
    void theSeedFlowCreateConnectPublishReceiveDelete() throws Exception {
        JsonNode stream = create("seed.flow");
        assertThat(stream.fieldNames()).toIterable().containsExactly("id", "location");
        String location = stream.get("location").asText();
        assertThat(location).startsWith("ws://127.0.0.1:" + port + "/event-stream/");
        EventSockets.Client client = EventSockets.connect(location);
        awaitLive("seed.flow", client);

        publish("seed.flow", "{\"message\": \"hello\"}");
        publish("seed.flow", "plain text");
        publish("seed.flow", new byte[] {(byte) 0xff, 0, 1, 2});
        publish("other.key", "not for this stream");

        JsonNode first = JSON.readTree((String) client.next());
        assertThat(first.get("message").asText()).isEqualTo("hello");
        assertThat(first.has("ess_ordinal")).isTrue();
        assertThat(first.get("ess_timestamp").asLong()).isGreaterThan(0);
        assertThat((String) client.next()).as("Squonk v3's suffix on text that is not JSON")
                .matches("plain text\\|ordinal: \\d+\\|timestamp: \\d{13}");
        assertThat((byte[]) client.next()).containsExactly((byte) 0xff, 0, 1, 2);

        JsonNode list = Http.json(http().get("/event-stream/"));
        assertThat(list.get("event_streams").findValuesAsText("routing_key")).contains("seed.flow");

        HttpResponse<String> deleted = http().send(HttpRequest.newBuilder(http().uri("/event-stream/" + stream.get("id")))
                .DELETE());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(client.closeReason()).isEqualTo("1000 The stream has been deleted");
        assertThat(client.frames).isEmpty();
    }

    @Test
    void everySocketOfAStreamGetsEveryMessageInOrder() throws Exception {
        String location = create("fan.out").get("location").asText();
        List<EventSockets.Client> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(EventSockets.connect(location));
        }
        for (EventSockets.Client c : clients) {
            awaitLive("fan.out", c);
        }
        // Probes sent for one client reach the others too: skip up to a marker on every client.
        publish("fan.out", "marker");
        for (EventSockets.Client c : clients) {
            while (!"marker".equals(EventSockets.text(c.next()))) {
                // a probe
            }
        }
        for (int i = 0; i < 100; i++) {
            publish("fan.out", "{\"n\": " + i + "}");
        }
        for (EventSockets.Client c : clients) {
            for (int i = 0; i < 100; i++) {
                assertThat(JSON.readTree((String) c.next()).get("n").asInt()).isEqualTo(i);
            }
        }
    }

    /**
     * A hub that falls behind does not collect an unbounded backlog: its broker queue holds
     * queue-max-messages (150 in the tests) and the broker refuses what does not fit, with a nack
     * to a publisher with confirms and the message returned when it asked with mandatory. Every
     * message is either delivered, in order, or refused.
     */
    @Test
    void aHubThatFallsBehindHasTheBrokerRefuseMessagesInsteadOfQueueingWithoutBound() throws Exception {
        String location = create("bounded").get("location").asText();
        EventSockets.Client client = EventSockets.connect(location);
        awaitLive("bounded", client);
        AtomicLong returned = new AtomicLong();
        channel.addReturnListener(r -> returned.incrementAndGet());
        StoppedHub.Outcome outcome = StoppedHub.publish(hub, channel, "bounded", true, 200);
        assertThat(outcome.refused()).as("refused beyond the bound").isBetween(50, 52); // a probe or two may be queued
        await().atMost(Duration.ofSeconds(10)).until(() -> returned.get() == outcome.refused());
        for (int i = 0; i < outcome.accepted(); i++) {
            Object frame = client.next();
            if ("probe".equals(EventSockets.text(frame))) {
                i--;
                continue;
            }
            assertThat(JSON.readTree((String) frame).get("n").asInt()).isEqualTo(i);
        }
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(client.frames::isEmpty);
    }

    /**
     * Operators stop, start and live-reload the delivery route. A message the broker pushed to the
     * hub just as the route stopped must still reach the sockets (the hub acknowledges a message once
     * it is handed to the streams, so one it did not take goes back to the queue): every accepted
     * message arrives, once, in order.
     */
    @Test
    void restartingTheDeliveryRouteLosesNoMessage() throws Exception {
        EventSockets.Client client = EventSockets.connect(create("restarts").get("location").asText());
        awaitLive("restarts", client);
        RestartedHub.assertReceivedInOrder(client, RestartedHub.publishWhileRestarting(hub, amqp, "restarts", 3000));
    }

    @Test
    void replayIsPerRoutingKeyAsSquonkV3sStreams() throws Exception {
        JsonNode first = create("per.key");
        EventSockets.Client reader = EventSockets.connect(first.get("location").asText());
        awaitLive("per.key", reader);
        for (int i = 0; i < 5; i++) {
            publish("per.key", "{\"n\": " + i + "}");
        }
        List<Long> ordinals = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ordinals.add(JSON.readTree((String) reader.next()).get("ess_ordinal").asLong());
        }
        // a stream created after the messages, on the same key, replays them with the same ordinals
        String second = create("per.key").get("location").asText();
        EventSockets.Client late = EventSockets.connect(second + "?stream_from_ordinal=" + ordinals.get(0));
        for (int i = 0; i < 5; i++) {
            JsonNode replayed = JSON.readTree((String) late.next());
            assertThat(replayed.get("n").asInt()).isEqualTo(i);
            assertThat(replayed.get("ess_ordinal").asLong()).isEqualTo(ordinals.get(i));
        }
        // live messages have one ordinal on every stream of the key
        publish("per.key", "{\"n\": 5}");
        assertThat(JSON.readTree((String) reader.next()).get("ess_ordinal").asLong())
                .isEqualTo(JSON.readTree((String) late.next()).get("ess_ordinal").asLong());
        // every stream of the key deleted, then a new one: the key's messages are still there to replay
        for (JsonNode id : Http.json(http().get("/event-stream/")).get("event_streams")) {
            if (id.get("routing_key").asText().equals("per.key")) {
                http().send(HttpRequest.newBuilder(http().uri("/event-stream/" + id.get("id").asLong())).DELETE());
            }
        }
        EventSockets.Client again = EventSockets.connect(create("per.key").get("location").asText()
                + "?stream_from_ordinal=" + ordinals.get(3));
        assertThat(JSON.readTree((String) again.next()).get("n").asInt()).isEqualTo(3);
        assertThat(JSON.readTree((String) again.next()).get("n").asInt()).isEqualTo(4);
        assertThat(JSON.readTree((String) again.next()).get("n").asInt()).isEqualTo(5);
    }

    @Test
    void replayByOrdinalTimestampAndDatetimeHasNoGapAndNoDuplicate() throws Exception {
        String location = create("replay").get("location").asText();
        EventSockets.Client first = EventSockets.connect(location);
        awaitLive("replay", first);
        for (int i = 0; i < 10; i++) {
            publish("replay", "{\"n\": " + i + "}");
        }
        List<JsonNode> seen = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            seen.add(JSON.readTree((String) first.next()));
        }
        long ordinalOf5 = seen.get(5).get("ess_ordinal").asLong();
        long timeOf5 = seen.get(5).get("ess_timestamp").asLong();

        EventSockets.Client byOrdinal = EventSockets.connect(location + "?stream_from_ordinal=" + ordinalOf5);
        EventSockets.Client byTimestamp = EventSockets.connect(location + "?stream_from_timestamp=" + timeOf5);
        EventSockets.Client byDatetime = EventSockets.connect(location + "?stream_from_datetime="
                + Instant.ofEpochMilli(timeOf5).toString());
        publish("replay", "{\"n\": 10}");
        for (EventSockets.Client c : List.of(byOrdinal)) {
            for (int n = 5; n <= 10; n++) {
                assertThat(JSON.readTree((String) c.next()).get("n").asInt()).isEqualTo(n);
            }
        }
        for (EventSockets.Client c : List.of(byTimestamp, byDatetime)) {
            // messages of the same millisecond as n = 5 may come first; then every later one once, in order
            int last = -1;
            int n;
            do {
                n = JSON.readTree((String) c.next()).get("n").asInt();
                assertThat(n).isGreaterThan(last);
                last = n;
            } while (n < 10);
            assertThat(c.frames).isEmpty();
        }
        assertThat(byOrdinal.frames).isEmpty();
    }

    @Test
    void aSlowSocketIsClosedAndNeverSlowsTheOthers() throws Exception {
        String location = create("slow").get("location").asText();
        EventSockets.Client fast = EventSockets.connect(location);
        awaitLive("slow", fast);
        EventSockets.Client slow = EventSockets.connect(location, false); // never reads
        await().atMost(Duration.ofSeconds(5)).until(() -> streamStats(location).get("sockets").asInt() == 2);
        long closedBefore = Http.json(http().get("/event-stream/stats")).get("sockets_closed_slow_consumer").asLong();
        String filler = "x".repeat(8000);
        // In batches the fast reader keeps up with even on a loaded machine (its queue holds 200);
        // the reader that never reads falls behind by all of it. A batch stays well inside the broker
        // queue's bound (150 in the tests), which the embedded broker counts with the up to
        // messages-per-ack (100) messages the hub has taken and not yet acknowledged; confirms make
        // a refusal fail here, not show as a missing message later.
        channel.confirmSelect();
        for (int batch = 0; batch < 120; batch++) {
            for (int i = batch * 25; i < (batch + 1) * 25; i++) {
                publish("slow", "{\"n\": " + i + ", \"filler\": \"" + filler + "\"}");
            }
            channel.waitForConfirmsOrDie(10_000);
            for (int i = batch * 25; i < (batch + 1) * 25; i++) {
                assertThat(JSON.readTree((String) fast.next()).get("n").asInt()).isEqualTo(i);
            }
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Http.json(http().get("/event-stream/stats"))
                .get("sockets_closed_slow_consumer").asLong()).isGreaterThan(closedBefore));
        await().atMost(Duration.ofSeconds(5)).until(() -> streamStats(location).get("sockets").asInt() == 1);
        slow.socket.abort();
        assertThat(http().get("/actuator/prometheus").body())
                .contains("daqhub_event_streams_sockets_closed_slow_consumer_total")
                .contains("daqhub_event_streams_frames_delivered_total")
                .contains("daqhub_event_streams_sockets_open");
    }

    @Test
    void aPingOnAQuietStreamIsAnsweredAtOnce() throws Exception {
        String location = create("quiet").get("location").asText();
        EventSockets.Client client = EventSockets.connect(location);
        awaitLive("quiet", client);
        for (int i = 0; i < 3; i++) {
            // keep-alive clients (python websockets, browsers) ping a quiet stream and give up without a pong
            client.socket.sendPing(java.nio.ByteBuffer.wrap(("keep-alive-" + i).getBytes())).get(5, java.util.concurrent.TimeUnit.SECONDS);
            java.nio.ByteBuffer pong = client.pongs.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(pong).as("pong " + i + " without any data frame").isNotNull();
            assertThat(java.nio.charset.StandardCharsets.UTF_8.decode(pong).toString()).isEqualTo("keep-alive-" + i);
        }
    }

    @Test
    void aThousandAbruptConnectAndDisconnectCyclesLeaveNothingBehind() throws Exception {
        String location = create("churn").get("location").asText();
        long openedBefore = Http.json(http().get("/event-stream/stats")).get("sockets_opened").asLong();
        for (int i = 0; i < 1000; i++) {
            EventSockets.connect(location).socket.abort();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode stats = Http.json(http().get("/event-stream/stats"));
            assertThat(stats.get("sockets_opened").asLong() - openedBefore).isEqualTo(1000);
            assertThat(streamStats(location).get("sockets").asInt()).isZero();
        });
        // and the stream still works
        EventSockets.Client client = EventSockets.connect(location);
        awaitLive("churn", client);
    }

    private JsonNode streamStats(String location) {
        String uuid = location.substring(location.lastIndexOf('/') + 1);
        return Http.json(http().get("/event-stream/stats")).at("/streams/" + uuid);
    }

    @Test
    void badInputGetsClearAnswers() throws Exception {
        assertError(http().postJson("/event-stream/", "{}"), 422, "routing_key is missing");
        assertError(http().postJson("/event-stream/", "{\"routing_key\": \"\"}"), 422, "non-empty");
        assertError(http().postJson("/event-stream/", "{\"routing_key\": 7}"), 422, "non-empty string");
        assertError(http().postJson("/event-stream/", "{not json"), 400, "JSON");
        HttpResponse<String> notInt = http().send(HttpRequest.newBuilder(http().uri("/event-stream/abc")).DELETE());
        assertError(notInt, 422, "not an integer");
        HttpResponse<String> unknown = http().send(HttpRequest.newBuilder(http().uri("/event-stream/999999")).DELETE());
        assertError(unknown, 404, "EventStream 999999 is not known");
        assertThat(Http.json(unknown).get("detail").asText()).isEqualTo("EventStream 999999 is not known");

        EventSockets.Client nobody = EventSockets.connect("ws://127.0.0.1:" + port + "/event-stream/NoSuchStream");
        assertThat(nobody.closeReason()).isEqualTo("1008 Connect for unknown EventStream NoSuchStream");
        String location = create("bad.replay").get("location").asText();
        EventSockets.Client both = EventSockets.connect(location + "?stream_from_ordinal=1&stream_from_timestamp=2");
        assertThat(both.closeReason()).startsWith("1002 Only one of");
        EventSockets.Client notANumber = EventSockets.connect(location + "?stream_from_ordinal=x");
        assertThat(notANumber.closeReason()).startsWith("1002 stream_from_ordinal 'x' is not a whole number");
    }

    @Test
    void detectorStatisticsAreHubEvents() throws Exception {
        EventSockets.Client client = EventSockets.connect(create("detector.eiger-sim.statistics").get("location").asText());
        JsonNode event = JSON.readTree((String) client.next()); // published every second in the tests
        assertThat(event.get("detector").asText()).isEqualTo("eiger-sim");
        assertThat(event.at("/statistics/images_good").isNumber()).isTrue();
    }

    @Test
    void oversizedMessagesAreCountedNotDelivered() throws Exception {
        String location = create("oversized").get("location").asText();
        EventSockets.Client client = EventSockets.connect(location);
        awaitLive("oversized", client);
        long before = Http.json(http().get("/event-stream/stats")).get("messages_oversized").asLong();
        publish("oversized", new byte[2 * 1024 * 1024]); // max-message-bytes is 1 MiB in the tests
        publish("oversized", "after");
        assertThat(EventSockets.text(client.next())).isEqualTo("after");
        assertThat(Http.json(http().get("/event-stream/stats")).get("messages_oversized").asLong()).isEqualTo(before + 1);
    }

    @Test
    void theDeliveryRouteReadsWithTheConfiguredPrefetch() {
        // the route's placeholder has its own default: both must say the same
        Endpoint from = hub.getBean(CamelContext.class).getRoute("event-streams-deliver").getEndpoint();
        assertThat(((SpringRabbitMQEndpoint) from).getPrefetchCount())
                .isEqualTo(hub.getBean(EventStreamProperties.class).prefetch());
    }

    @Test
    void versionAnswersBothKeys() {
        JsonNode v = Http.json(http().get("/event-stream/version/"));
        assertThat(v.get("category").asText()).isEqualTo("WEBSOCKET");
        assertThat(v.get("protocol").asText()).isEqualTo("WEBSOCKET");
    }

    @Test
    void theWatchPageShowsTheStream() {
        HttpResponse<String> page = http().get("/event-stream/watch/abcDEF123");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("new WebSocket(").contains("/event-stream/abcDEF123");
        assertThat(http().get("/event-stream/watch/bad$id").statusCode()).isEqualTo(400);
    }

    @Test
    void writerEventsAreOnTheirRoutingKeys() throws Exception {
        String location = create("writer.request_start").get("location").asText();
        EventSockets.Client client = EventSockets.connect(location);
        awaitLive("writer.request_start", client);
        String requestId = Http.json(http().postJson("/write_async",
                "{\"output_file\": \"events/never.h5\", \"n_images\": 1, \"detector\": \"eiger-sim\"}")).get("request_id").asText();
        JsonNode event = JSON.readTree((String) client.next());
        assertThat(event.get("event").asText()).isEqualTo("writer.request_start");
        assertThat(event.get("request_id").asText()).isEqualTo(requestId);
        http().postJson("/write_kill", "{\"request_id\": \"" + requestId + "\"}");
    }

    private static void assertError(HttpResponse<String> response, int status, String text) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Http.json(response).get("error").asText()).contains(text);
    }
}
