package org.daqhub.broker;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The exchange every capability publishes its hub events on ({@code writer.<action>},
 * {@code datastore.frozen}, {@code detector.<name>.statistics}, {@code request.<state>}) and event
 * streams read from: durable direct, as Squonk declares it. Declared here once, whatever
 * capabilities this instance runs, so a detector node publishes its events even with no event
 * streams of its own; Spring declares it again after a broker restart.
 */
@Configuration(proxyBeanMethods = false)
public class HubEvents {

    public static final String EXCHANGE = "event-streams";

    @Bean
    Declarables hubEventsExchange() {
        return new Declarables(new DirectExchange(EXCHANGE, true, false));
    }
}
