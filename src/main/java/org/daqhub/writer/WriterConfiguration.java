package org.daqhub.writer;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.springrabbit.SpringRabbitMQHeaderFilterStrategy;
import org.daqhub.detector.DetectorRegistry;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the std_daq writer agent, its REST proxy and their exchanges. */
@Configuration(proxyBeanMethods = false)
public class WriterConfiguration {

    @Bean(name = "writer")
    WriterAgent writer(WriterProperties properties, DetectorRegistry detectors, ObjectMapper json) {
        return new WriterAgent(properties, detectors, json);
    }

    @Bean(name = "writerProxy")
    WriterProxy writerProxy(WriterProperties properties, WriterAgent writer, ObjectMapper json) {
        return new WriterProxy(properties, writer, json);
    }

    /**
     * The exchanges of the std_daq protocol with the originals' flags (non-durable, not
     * auto-delete: other flags make pika's declarations fail with PRECONDITION_FAILED), and the hub's
     * event exchange (durable direct, as Squonk's event stream declares it). Spring declares them
     * again whenever the connection to the broker is re-established, e.g. after a broker restart.
     */
    @Bean
    Declarables writerExchanges(WriterProperties properties) {
        Exchange status = properties.statusExchangeType().equals("topic") ? new TopicExchange("status", false, false)
                : new FanoutExchange("status", false, false);
        return new Declarables(new TopicExchange("request", false, false), new TopicExchange("kill", false, false),
                status, new DirectExchange("event-streams", true, false));
    }

    /**
     * std_daq's proxy reads {@code headers['message']} of every status, so the header must be there
     * even when it is null; Camel's default strategy drops null headers.
     */
    @Bean(name = "amqpHeaderFilter")
    SpringRabbitMQHeaderFilterStrategy amqpHeaderFilter() {
        SpringRabbitMQHeaderFilterStrategy strategy = new SpringRabbitMQHeaderFilterStrategy();
        strategy.setAllowNullValues(true);
        return strategy;
    }
}
