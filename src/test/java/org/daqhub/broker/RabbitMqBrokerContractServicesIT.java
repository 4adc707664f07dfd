package org.daqhub.broker;

import java.util.EnumSet;
import java.util.Set;

import com.rabbitmq.client.ConnectionFactory;

/** The contract against this machine's RabbitMQ (services profile): the reference. */
class RabbitMqBrokerContractServicesIT implements BrokerContract {

    @Override
    public ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(System.getenv().getOrDefault("SPRING_RABBITMQ_HOST", "127.0.0.1"));
        factory.setPort(Integer.parseInt(System.getenv().getOrDefault("SPRING_RABBITMQ_PORT", "5672")));
        factory.setUsername(System.getenv().getOrDefault("SPRING_RABBITMQ_USERNAME", "guest"));
        factory.setPassword(System.getenv().getOrDefault("SPRING_RABBITMQ_PASSWORD", "guest"));
        return factory;
    }

    @Override
    public Set<Difference> differences() {
        return EnumSet.noneOf(Difference.class);
    }
}
