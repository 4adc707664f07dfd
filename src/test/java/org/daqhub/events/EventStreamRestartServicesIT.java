package org.daqhub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.daqhub.support.Http;
import org.daqhub.support.ServicesTestSupport;
import org.junit.jupiter.api.Test;

/**
 * On RabbitMQ (services profile), restarting the delivery route while messages flow loses none:
 * consumed without acknowledgements, a message RabbitMQ pushed between the route's cancel and the
 * broker's answer to it was dropped (1 of 1,423 in the run that found it).
 */
class EventStreamRestartServicesIT extends ServicesTestSupport {

    @Test
    void restartingTheDeliveryRouteLosesNoMessage() throws Exception {
        String key = SCHEMA + ".restarts";
        String location = Http.json(http().postJson("/event-stream/", "{\"routing_key\": \"" + key + "\"}"))
                .get("location").asText();
        EventSockets.Client client = EventSockets.connect(location);
        ConnectionFactory factory = new ConnectionFactory();
        try (Connection amqp = factory.newConnection(); Channel channel = amqp.createChannel()) {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                channel.basicPublish("event-streams", key, null, "probe".getBytes(StandardCharsets.UTF_8));
                return "probe".equals(client.frames.poll(100, TimeUnit.MILLISECONDS));
            });
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> {
                client.frames.clear();
                return true;
            });
            int accepted = RestartedHub.publishWhileRestarting(context, amqp, key, 3000);
            ObjectMapper json = new ObjectMapper();
            for (int i = 0; i < accepted; i++) {
                assertThat(json.readTree((String) client.next()).get("n").asInt()).as("the message after %d", i - 1)
                        .isEqualTo(i);
            }
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(client.frames::isEmpty);
        }
    }
}
