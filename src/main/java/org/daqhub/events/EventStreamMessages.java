package org.daqhub.events;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;

/**
 * Where the event streams meet Camel's messages (bean {@code eventStreamMessages}): a broker
 * message's routing key and bytes, to {@link EventStreamService}. A plain step rather than method
 * arguments in routes/event-streams.yaml: it runs for every message, and this keeps the step
 * bench/RESULTS.md measured (arguments would add expressions evaluated per message).
 */
public class EventStreamMessages {

    private final EventStreamService streams;

    public EventStreamMessages(EventStreamService streams) {
        this.streams = streams;
    }

    public void deliver(Exchange exchange) {
        Message m = exchange.getMessage();
        streams.deliver(m.getHeader(SpringRabbitMQConstants.ROUTING_KEY, String.class), m.getBody(byte[].class));
    }
}
