package org.daqhub.broker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code capabilities} table RabbitMQ sends in {@code connection.start}, for the embedded
 * broker. Clients written for RabbitMQ read it: aiormq (aio-pika, Squonk2's publisher) fails to
 * connect without it, pika refuses {@code confirm_delivery} unless publisher_confirms and
 * basic.nack are true. Each entry is true only where Qpid Broker-J does what RabbitMQ does.
 */
final class RabbitCapabilities {

    private RabbitCapabilities() {
    }

    /** Capability and whether the embedded broker has it. */
    private static Map<String, Boolean> capabilities() {
        Map<String, Boolean> c = new LinkedHashMap<>();
        c.put("publisher_confirms", true); // confirm.select, basic.ack per publish
        c.put("basic.nack", true); // nacks publishes it cannot take, and takes basic.nack from consumers
        c.put("authentication_failure_close", false); // closes a bad login with 530 NOT_ALLOWED, not 403 ACCESS_REFUSED
        c.put("consumer_cancel_notify", false); // no basic.cancel when a consumer's queue is deleted
        c.put("exchange_exchange_bindings", false); // no exchange.bind
        c.put("connection.blocked", false); // never sends connection.blocked
        c.put("per_consumer_qos", false); // basic.qos applies to the channel
        c.put("consumer_priorities", false);
        c.put("direct_reply_to", false); // no amq.rabbitmq.reply-to
        return c;
    }

    /** The value of Qpid's {@code qpid.connection.property_map} context variable. */
    static String json() {
        StringBuilder s = new StringBuilder("{\"capabilities\": {");
        String separator = "";
        for (Map.Entry<String, Boolean> e : capabilities().entrySet()) {
            s.append(separator).append('"').append(e.getKey()).append("\": ").append(e.getValue());
            separator = ", ";
        }
        return s.append("}}").toString();
    }
}
