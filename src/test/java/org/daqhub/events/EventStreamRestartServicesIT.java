package org.daqhub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.daqhub.support.Http;
import org.daqhub.support.ServicesTestSupport;
import org.junit.jupiter.api.Test;

/**
 * On RabbitMQ (services profile), restarting the delivery route while messages flow loses none and
 * repeats none: what the hub had not acknowledged goes back to the queue and comes again, in order.
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
            RestartedHub.assertReceivedInOrder(client, RestartedHub.publishWhileRestarting(context, amqp, key, 3000));
        }
    }
}
