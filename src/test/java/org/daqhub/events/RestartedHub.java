package org.daqhub.events;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * them and still confirms). Each restart waits until the queue is well below its bound (150 in the
 * tests), as RabbitMQ does not take back everything a stopped consumer had when the queue is full.
 */
final class RestartedHub {

    /** At most about 1,000 messages a second, so a stopped route's queue stays below its bound. */
    private static final long PACE_NANOS = 1_000_000;

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
                    LockSupport.parkNanos(PACE_NANOS);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return accepted;
        });
        HubQueue queue = new HubQueue(hub);
        int restarts = 0;
        while (!published.isDone() || restarts < 3) {
            // Only below the queue's bound: RabbitMQ may drop what a stopped consumer hands back to a
            // full reject-publish queue (rabbitmq-server#2313; README, event streams).
            await().atMost(Duration.ofSeconds(10)).until(() -> queue.readyMessages() < 50);
            camel.getRouteController().stopRoute("event-streams-deliver");
            camel.getRouteController().startRoute("event-streams-deliver");
            restarts++;
        }
        publisher.close();
        return published.get();
    }

    /**
     * Reads the {@code n} of the next {@code count} frames (waiting up to 10 s for each) and checks
     * they are 0, 1, 2, ... with nothing after them; on a mismatch the message names what was
     * missing, repeated or out of order.
     */
    static void assertReceivedInOrder(EventSockets.Client client, int count) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Integer> received = new ArrayList<>();
        for (Object frame; received.size() < count + 1
                && (frame = client.frames.poll(received.size() < count ? 10 : 1, TimeUnit.SECONDS)) != null;) {
            received.add(json.readTree((String) frame).get("n").asInt());
        }
        List<Integer> expected = IntStream.range(0, count).boxed().toList();
        if (!received.equals(expected)) {
            Set<Integer> seen = new HashSet<>();
            List<Integer> repeated = received.stream().filter(n -> !seen.add(n)).toList();
            List<Integer> missing = expected.stream().filter(n -> !seen.contains(n)).toList();
            int first = 0;
            while (first < Math.min(received.size(), count) && received.get(first) == first) {
                first++;
            }
            throw new AssertionError("received " + received.size() + " of " + count + " messages; missing " + missing
                    + ", repeated " + repeated + ", first out of place at " + first + ": "
                    + received.subList(first, Math.min(received.size(), first + 10)));
        }
    }

    private RestartedHub() {
    }
}
