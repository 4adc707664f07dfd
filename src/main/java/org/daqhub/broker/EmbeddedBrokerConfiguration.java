package org.daqhub.broker;

import org.daqhub.config.HubProperties;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the embedded broker (default profile) before anything connects to it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "daqhub.broker.embedded", havingValue = "true")
public class EmbeddedBrokerConfiguration {

    static final String BROKER_BEAN = "embeddedAmqpBroker";

    @Bean(name = BROKER_BEAN, destroyMethod = "close")
    EmbeddedAmqpBroker embeddedAmqpBroker(HubProperties properties) throws Exception {
        EmbeddedAmqpBroker broker = new EmbeddedAmqpBroker(properties);
        broker.start();
        return broker;
    }

    /**
     * Spring AMQP's connection factory, and through it Camel's spring-rabbitmq consumers, must not
     * try to connect before the broker listens, and must be closed before the broker stops.
     */
    @Bean
    static BeanFactoryPostProcessor connectionFactoryDependsOnBroker() {
        return beanFactory -> {
            for (String name : beanFactory.getBeanNamesForType(
                    org.springframework.amqp.rabbit.connection.ConnectionFactory.class, true, false)) {
                beanFactory.getBeanDefinition(name).setDependsOn(BROKER_BEAN);
            }
        };
    }
}
