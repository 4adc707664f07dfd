package org.daqhub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import org.daqhub.support.HubTestSupport;
import org.junit.jupiter.api.Test;

/** Any AMQP 0-9-1 client can use the embedded broker: here RabbitMQ's own Java client. */
class EmbeddedBrokerTest extends HubTestSupport {

    @Test
    void rabbitMqClientPublishesAndConsumesThroughTopicAndDirectExchanges() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(BROKER_PORT);
        factory.setUsername("guest");
        factory.setPassword("guest");
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare("probe-topic", "topic");
            channel.exchangeDeclare("probe-direct", "direct");
            String topicQueue = channel.queueDeclare().getQueue();
            String directQueue = channel.queueDeclare().getQueue();
            channel.queueBind(topicQueue, "probe-topic", "writer.*");
            channel.queueBind(directQueue, "probe-direct", "abc");

            List<String> received = new CopyOnWriteArrayList<>();
            DeliverCallback collect = (tag, delivery) -> received.add(delivery.getEnvelope().getExchange() + ":"
                    + new String(delivery.getBody(), StandardCharsets.UTF_8) + ":"
                    + delivery.getProperties().getCorrelationId());
            channel.basicConsume(topicQueue, true, collect, tag -> { });
            channel.basicConsume(directQueue, true, collect, tag -> { });

            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().correlationId("id-1").build();
            channel.basicPublish("probe-topic", "writer.start", props, "t1".getBytes(StandardCharsets.UTF_8));
            channel.basicPublish("probe-topic", "other.start", props, "lost".getBytes(StandardCharsets.UTF_8));
            channel.basicPublish("probe-direct", "abc", props, "d1".getBytes(StandardCharsets.UTF_8));

            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= 2);
            assertThat(received).containsExactlyInAnyOrder("probe-topic:t1:id-1", "probe-direct:d1:id-1");
        }
    }
}
