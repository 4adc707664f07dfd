package org.daqhub.events;

import java.nio.charset.StandardCharsets;

import com.rabbitmq.client.Channel;
import org.apache.camel.CamelContext;

/**
 * Publishes to a hub whose consuming route is stopped, so its bounded broker queue fills: each
 * message with a publisher confirm, numbered {@code {"n": k}} by the count accepted before it, so
 * the accepted ones are numbered 0, 1, 2, ... in order.
 */
final class StoppedHub {

    record Outcome(int accepted, int refused) {
    }

    static Outcome publish(CamelContext camel, Channel channel, String key, boolean mandatory, int messages)
            throws Exception {
        channel.confirmSelect();
        camel.getRouteController().stopRoute("event-streams-deliver");
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

    private StoppedHub() {
    }
}
