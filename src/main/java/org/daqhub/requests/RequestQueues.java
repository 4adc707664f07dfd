package org.daqhub.requests;

import java.util.List;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueInformation;

/**
 * The queue of each request, named after it and bound to ServiceX's direct exchange
 * {@value #EXCHANGE} with the request id as routing key (non-durable exchange and queue, not
 * auto-delete, as ServiceX declares them, so its transformers consume them unchanged). Every
 * declaration is recorded in the database first, so queues left behind (a request that ended while
 * the broker was away, a row deleted by hand) can be listed and deleted.
 */
public class RequestQueues {

    public static final String EXCHANGE = "transformation_requests";

    private final AmqpAdmin admin;
    private final RequestStore store;

    public RequestQueues(AmqpAdmin admin, RequestStore store) {
        this.admin = admin;
        this.store = store;
    }

    public void declare(String requestId) {
        store.recordQueue(requestId, requestId);
        admin.declareExchange(new DirectExchange(EXCHANGE, false, false));
        admin.declareQueue(new Queue(requestId, false, false, false));
        admin.declareBinding(new Binding(requestId, Binding.DestinationType.QUEUE, EXCHANGE, requestId, null));
    }

    /** Consumers reading the queue now (the request's transformers); 0 when the broker does not have it. */
    public int consumers(String name) {
        QueueInformation info = admin.getQueueInfo(name);
        return info == null ? 0 : info.getConsumerCount();
    }

    public boolean exists(String name) {
        return admin.getQueueProperties(name) != null;
    }

    /** Deletes the queue (and the messages still in it) and forgets it. */
    public void delete(String name) {
        admin.deleteQueue(name);
        store.forgetQueue(name);
    }

    /** Queues the hub declared whose request the database no longer knows or has ended, still on the broker. */
    public List<String> leftBehind() {
        return store.queuesOfEndedRequests().stream().filter(name -> {
            if (exists(name)) {
                return true;
            }
            store.forgetQueue(name);
            return false;
        }).toList();
    }
}
