package org.daqhub.events;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

import com.rabbitmq.client.Channel;
import org.apache.camel.CamelContext;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.ApplicationContext;

/**
 * Publishes to a hub whose consuming route is stopped, so its bounded broker queue fills: each
 * message with a publisher confirm, numbered {@code {"n": k}} by the count accepted before it, so
 * the accepted ones are numbered 0, 1, 2, ... in order. Publishing starts once the broker has
 * dropped the hub's consumer: a route stop returns before the broker has handled the cancel, and
 * a message delivered meanwhile leaves the queue without counting against its bound.
 */
final class StoppedHub {

    record Outcome(int accepted, int refused) {
    }

    static Outcome publish(ApplicationContext hub, Channel channel, String key, boolean mandatory, int messages)
            throws Exception {
        CamelContext camel = hub.getBean(CamelContext.class);
        AmqpAdmin admin = hub.getBean(AmqpAdmin.class);
        String queue = EventStreamConfiguration.queueName(hub.getEnvironment().getProperty("daqhub.instance-id"));
        channel.confirmSelect();
        camel.getRouteController().stopRoute("event-streams-deliver");
        await().atMost(Duration.ofSeconds(10)).until(() -> consumers(admin, queue) == 0);
        int accepted = 0;
        int refused = 0;
        try {
            for (int i = 0; i < messages; i++) {
                channel.basicPublish("event-streams", key, mandatory, null,
                        ("{\"n\": " + accepted + "}").getBytes(StandardCharsets.UTF_8));
                if (channel.waitForConfirms(5000)) {
                    accepted++;
                } else {
                    refused++;
                }
            }
        } finally {
            camel.getRouteController().startRoute("event-streams-deliver");
        }
        return new Outcome(accepted, refused);
    }

    /** Asked on the hub's own connection: the queue is exclusive to it. */
    private static int consumers(AmqpAdmin admin, String queue) {
        Properties p = admin.getQueueProperties(queue);
        return p == null ? -1 : ((Number) p.get(RabbitAdmin.QUEUE_CONSUMER_COUNT)).intValue();
    }

    private StoppedHub() {
    }
}
