package org.daqhub.events;

import java.util.Properties;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.ApplicationContext;

/**
 * A hub's event-streams queue as its broker sees it, asked on the hub's own connection (the queue
 * is exclusive to it).
 */
final class HubQueue {

    private final AmqpAdmin admin;
    private final String name;

    HubQueue(ApplicationContext hub) {
        this.admin = hub.getBean(AmqpAdmin.class);
        this.name = EventStreamConfiguration.queueName(hub.getEnvironment().getProperty("daqhub.instance-id"));
    }

    /** Consumers on the queue; -1 while it does not exist. */
    int consumers() {
        return count(RabbitAdmin.QUEUE_CONSUMER_COUNT, -1);
    }

    /** Messages ready for a consumer (not those delivered and unacknowledged); 0 while it does not exist. */
    int readyMessages() {
        return count(RabbitAdmin.QUEUE_MESSAGE_COUNT, 0);
    }

    private int count(Object property, int absent) {
        Properties p = admin.getQueueProperties(name);
        return p == null ? absent : ((Number) p.get(property)).intValue();
    }
}
