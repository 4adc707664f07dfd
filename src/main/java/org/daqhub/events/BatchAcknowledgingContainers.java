package org.daqhub.events;

import org.apache.camel.component.springrabbit.DefaultListenerContainerFactory;
import org.apache.camel.component.springrabbit.SpringRabbitMQEndpoint;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;

/**
 * Listener containers that acknowledge in batches: one {@code basic.ack} (multiple) for every
 * {@code messagesPerAck} messages handled, or with the first message after {@code ackTimeout}. The
 * last of a burst followed by silence wait for the container's periodic check (every 5 s, Spring's
 * failed-declaration retry interval); running it more often would also retry lost consumers as often.
 * Spring's container acknowledges what is pending as soon as a consumer is cancelled, so a route
 * stop does not send back messages already handed over.
 */
final class BatchAcknowledgingContainers extends DefaultListenerContainerFactory {

    private final int messagesPerAck;
    private final long ackTimeoutMillis;

    BatchAcknowledgingContainers(int messagesPerAck, long ackTimeoutMillis) {
        this.messagesPerAck = messagesPerAck;
        this.ackTimeoutMillis = ackTimeoutMillis;
    }

    @Override
    public AbstractMessageListenerContainer createListenerContainer(SpringRabbitMQEndpoint endpoint) {
        AbstractMessageListenerContainer container = super.createListenerContainer(endpoint);
        if (container instanceof DirectMessageListenerContainer direct) {
            direct.setMessagesPerAck(messagesPerAck);
            direct.setAckTimeout(ackTimeoutMillis);
        }
        return container;
    }
}
