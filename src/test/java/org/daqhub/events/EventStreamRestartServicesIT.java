package org.daqhub.events;

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
            EventSockets.awaitLive(client, channel, key);
            RestartedHub.assertReceivedInOrder(client, RestartedHub.publishWhileRestarting(context, amqp, key, 3000));
        }
    }
}
