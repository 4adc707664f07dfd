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

/** Streams are kept in the database: after the hub restarts, a stream created before still delivers. */
class EventStreamRestartIT {

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
