package org.daqhub.broker;

import java.util.EnumSet;
import java.util.Set;

import com.rabbitmq.client.ConnectionFactory;
import org.daqhub.support.HubTestSupport;

/** The contract against the embedded broker of the running hub (default profile). */
class EmbeddedBrokerContractTest extends HubTestSupport implements BrokerContract {

    @Override
    public ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(BROKER_PORT);
        factory.setUsername("guest");
        factory.setPassword("guest");
        return factory;
    }

    @Override
    public Set<Difference> differences() {
        return EnumSet.allOf(Difference.class);
    }
}
