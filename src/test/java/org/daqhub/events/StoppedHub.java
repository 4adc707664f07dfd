package org.daqhub.events;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.rabbitmq.client.Channel;
import org.apache.camel.CamelContext;
import org.springframework.context.ApplicationContext;

/**
 * Publishes to a hub whose consuming route is stopped, so its bounded broker queue fills: each
 * message with a publisher confirm, numbered {@code {"n": k}} by the count accepted before it, so
 * the accepted ones are numbered 0, 1, 2, ... in order. Publishing starts once the broker has
 * dropped the hub's consumer: a route stop returns before the broker has handled the cancel, and
 * a message delivered meanwhile leaves the queue without counting against its bound.
 */
final class StoppedHub {

    /** {@code readyAtEnd}: the messages the broker's queue held when publishing ended. */
    record Outcome(int accepted, int refused, int readyAtEnd) {
    }

    static Outcome publish(ApplicationContext hub, Channel channel, String key, boolean mandatory, int messages)
            throws Exception {
        CamelContext camel = hub.getBean(CamelContext.class);
        HubQueue queue = new HubQueue(hub);
        channel.confirmSelect();
        camel.getRouteController().stopRoute("event-streams-deliver");
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.consumers() == 0);
        int accepted = 0;
        int refused = 0;
        int ready;
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
            ready = queue.readyMessages();
        } finally {
            camel.getRouteController().startRoute("event-streams-deliver");
        }
        return new Outcome(accepted, refused, ready);
    }

    private StoppedHub() {
    }
}
