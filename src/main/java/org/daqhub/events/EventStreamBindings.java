package org.daqhub.events;

import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;

/**
 * The bindings of this hub's queue to the {@code event-streams} exchange: one per routing key that
 * some stream uses. After the connection to the broker is made again (a broker restart drops the
 * queue and its bindings), {@link #forget} makes the next {@link #ensure} bind everything again.
 */
public class EventStreamBindings {

    static final String EXCHANGE = org.daqhub.broker.HubEvents.EXCHANGE;
    private static final Logger LOG = LoggerFactory.getLogger(EventStreamBindings.class);

    private final AmqpAdmin admin;
    private final String queue;
    private final Set<String> bound = new HashSet<>();

    public EventStreamBindings(AmqpAdmin admin, String queue) {
        this.admin = admin;
        this.queue = queue;
    }

    synchronized void ensure(Set<String> keys) {
        try {
            for (String key : keys) {
                if (!bound.contains(key)) {
                    admin.declareBinding(binding(key));
                    bound.add(key);
                }
            }
            for (String key : new HashSet<>(bound)) {
                if (!keys.contains(key)) {
                    admin.removeBinding(binding(key));
                    bound.remove(key);
                }
            }
        } catch (AmqpException e) {
            LOG.warn("Event stream bindings not updated now (broker unreachable?), retried shortly: {}", e.getMessage());
        }
    }

    public synchronized void forget() {
        bound.clear();
    }

    private Binding binding(String key) {
        return new Binding(queue, Binding.DestinationType.QUEUE, EXCHANGE, key, null);
    }
}
