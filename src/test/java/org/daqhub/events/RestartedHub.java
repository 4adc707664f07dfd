package org.daqhub.events;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.apache.camel.CamelContext;
import org.springframework.context.ApplicationContext;

/**
 * Publishes messages on a routing key, one confirm at a time, while the hub's delivery route is
 * stopped and started again and again, as an operator's edit of event-streams.yaml does. Each is
 * numbered {@code {"n": k}} by the count the broker accepted before it, so the accepted ones are
 * 0, 1, 2, ...; answers their count. The hub's bounded queue may refuse some while the route is
 * stopped, and the broker nacks them (they are sent mandatory: without it the embedded broker drops
 * them and still confirms).
 */
final class RestartedHub {

    static int publishWhileRestarting(ApplicationContext hub, Connection amqp, String key, int messages) throws Exception {
        CamelContext camel = hub.getBean(CamelContext.class);
        Channel publisher = amqp.createChannel();
        publisher.confirmSelect();
        CompletableFuture<Integer> published = CompletableFuture.supplyAsync(() -> {
            int accepted = 0;
            try {
                for (int i = 0; i < messages; i++) {
                    publisher.basicPublish("event-streams", key, true, null,
                            ("{\"n\": " + accepted + "}").getBytes(StandardCharsets.UTF_8));
                    if (publisher.waitForConfirms(5000)) {
                        accepted++;
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return accepted;
        });
        int restarts = 0;
        while (!published.isDone() || restarts < 3) {
            camel.getRouteController().stopRoute("event-streams-deliver");
            camel.getRouteController().startRoute("event-streams-deliver");
            restarts++;
        }
        publisher.close();
        return published.get();
    }

    private RestartedHub() {
    }
}
