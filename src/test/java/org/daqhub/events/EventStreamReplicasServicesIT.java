package org.daqhub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
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
import org.daqhub.support.ServicesTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Two hubs sharing PostgreSQL and RabbitMQ (services profile): a stream created through one is read
 * through the other, and deleting it through one closes the sockets open on the other.
 */
class EventStreamReplicasServicesIT extends ServicesTestSupport {

    @Test
    void streamsAreSharedBetweenReplicas() throws Exception {
        try (HubProcess other = HubProcess.start("events-replica", List.of("--spring.profiles.active=services",
                "--spring.datasource.url=" + PG_BASE + "?currentSchema=" + SCHEMA,
                "--spring.flyway.schemas=" + SCHEMA,
                "--daqhub.registry.redis-prefix=" + REDIS_PREFIX,
                "--daqhub.writer.tag=" + WRITER_TAG + "-other",
                "--daqhub.detector.enabled=false"))) {
            Http otherHttp = other.awaitHealthy(Duration.ofSeconds(90)).http();

            JsonNode created = Http.json(http().postJson("/event-stream/", "{\"routing_key\": \"" + SCHEMA + ".shared\"}"));
            String uuid = created.get("location").asText().replaceAll(".*/", "");
            String otherPort = otherHttp.uri("/").toString().replaceAll(".*:(\\d+)/$", "$1");
            assertThat(Http.json(otherHttp.get("/event-stream/")).get("event_streams").findValuesAsText("routing_key"))
                    .contains(SCHEMA + ".shared");

            EventSockets.Client onOther = EventSockets.connect("ws://127.0.0.1:" + otherPort + "/event-stream/" + uuid);
            ConnectionFactory factory = new ConnectionFactory();
            try (Connection amqp = factory.newConnection(); Channel channel = amqp.createChannel()) {
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    channel.basicPublish("event-streams", SCHEMA + ".shared", null,
                            "shared".getBytes(StandardCharsets.UTF_8));
                    return "shared".equals(EventSockets.text(onOther.frames.poll(100, TimeUnit.MILLISECONDS)));
                });
            }

            var deleted = http().send(HttpRequest.newBuilder(http().uri("/event-stream/" + created.get("id"))).DELETE());
            assertThat(deleted.statusCode()).isEqualTo(204);
            assertThat(onOther.closeReason()).isEqualTo("1000 The stream has been deleted");
        }
    }
}
