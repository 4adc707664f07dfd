package org.daqhub.broker;

import org.apache.camel.component.springrabbit.SpringRabbitMQHeaderFilterStrategy;
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

    /**
     * The spring-rabbitmq component's header filter (application.yml), whatever capabilities run:
     * std_daq's proxy reads {@code headers['message']} of every writer status, so the header must be
     * there even when it is null; Camel's default strategy drops null headers.
     */
    @Bean(name = "amqpHeaderFilter")
    SpringRabbitMQHeaderFilterStrategy amqpHeaderFilter() {
        SpringRabbitMQHeaderFilterStrategy strategy = new SpringRabbitMQHeaderFilterStrategy();
        strategy.setAllowNullValues(true);
        return strategy;
    }
}
