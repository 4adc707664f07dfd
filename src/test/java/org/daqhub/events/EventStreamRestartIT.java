package org.daqhub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.daqhub.support.Http;
import org.daqhub.support.HubProcess;
import org.junit.jupiter.api.Test;

/**
 * Streams are kept in the database: after the hub restarts, a stream created before still
 * delivers. Replay logs are kept on disk: after a kill -9, a client reconnecting from its ordinal
 * gets what it had (same ordinals) and ordinals go on where they were.
 */
class EventStreamRestartIT {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Test
    void replayFromAnOrdinalGoesOnAcrossAKill() throws Exception {
        HubProcess hub = HubProcess.start("events-replay", List.of("--daqhub.detector.enabled=false"));
        try {
            Http http = hub.awaitHealthy(Duration.ofSeconds(60)).http();
            String location = Http.json(http.postJson("/event-stream/", "{\"routing_key\": \"replayed\"}"))
                    .get("location").asText();
            EventSockets.Client first = EventSockets.connect(location);
            long[] ordinals = new long[5];
            ConnectionFactory factory = new ConnectionFactory();
            factory.setPort(hub.brokerPort());
            try (Connection amqp = factory.newConnection(); Channel channel = amqp.createChannel()) {
                EventSockets.awaitLive(first, channel, "replayed");
                for (int n = 0; n < 5; n++) {
                    channel.basicPublish("event-streams", "replayed", null, ("{\"n\": " + n + "}").getBytes(StandardCharsets.UTF_8));
                }
                for (int n = 0; n < 5; n++) {
                    JsonNode frame = JSON.readTree((String) first.next());
                    assertThat(frame.get("n").asInt()).isEqualTo(n);
                    ordinals[n] = frame.get("ess_ordinal").asLong();
                }
            }

            hub = hub.killAndRestart();
            hub.awaitHealthy(Duration.ofSeconds(60));
            EventSockets.Client again = EventSockets.connect(location + "?stream_from_ordinal=" + ordinals[0]);
            for (int n = 0; n < 5; n++) {
                JsonNode frame = JSON.readTree((String) again.next());
                assertThat(frame.get("n").asInt()).as("replayed after the kill").isEqualTo(n);
                assertThat(frame.get("ess_ordinal").asLong()).isEqualTo(ordinals[n]);
            }
            factory.setPort(hub.brokerPort());
            try (Connection amqp = factory.newConnection(); Channel channel = amqp.createChannel()) {
                // published until the restarted hub has bound its queue: what it took comes next, in order
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    channel.basicPublish("event-streams", "replayed", null, "{\"n\": 5}".getBytes(StandardCharsets.UTF_8));
                    return again.frames.poll(100, TimeUnit.MILLISECONDS) instanceof String text
                            && JSON.readTree(text).get("ess_ordinal").asLong() == ordinals[4] + 1;
                });
            }
        } finally {
            hub.close();
        }
    }

    @Test
    void aStreamSurvivesARestart() throws Exception {
        HubProcess hub = HubProcess.start("events-restart", List.of("--daqhub.detector.enabled=false"));
        try {
            Http http = hub.awaitHealthy(Duration.ofSeconds(60)).http();
            JsonNode stream = Http.json(http.postJson("/event-stream/", "{\"routing_key\": \"survives\"}"));
            String location = stream.get("location").asText();

            hub = hub.restart();
            hub.awaitHealthy(Duration.ofSeconds(60));
            assertThat(Http.json(http.get("/event-stream/")).get("event_streams").findValuesAsText("location"))
                    .contains(location);
            EventSockets.Client client = EventSockets.connect(location);
            ConnectionFactory factory = new ConnectionFactory();
            factory.setPort(hub.brokerPort());
            try (Connection amqp = factory.newConnection(); Channel channel = amqp.createChannel()) {
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    channel.basicPublish("event-streams", "survives", null, "after restart".getBytes(StandardCharsets.UTF_8));
                    return "after restart".equals(EventSockets.text(client.frames.poll(100, TimeUnit.MILLISECONDS)));
                });
            }
        } finally {
            hub.close();
        }
    }
}
