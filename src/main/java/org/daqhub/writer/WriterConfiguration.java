package org.daqhub.writer;


import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.camel.CamelContext;
import org.daqhub.broker.OnReconnect;
import org.daqhub.capabilities.Capability;
import org.daqhub.capabilities.ConditionalOnCapability;
import org.daqhub.config.DataDirectory;
import org.daqhub.console.ConsoleSection;
import org.daqhub.detector.DetectorRegistry;
import org.daqhub.metrics.CounterMetrics;
import org.daqhub.processors.filewriter.WriteJob;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ThreadChannelConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the std_daq writer agent, its REST proxy and their exchanges. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnCapability(Capability.WRITER)
public class WriterConfiguration {

    @Bean
    ConsoleSection writerConsole(WriterAgent writer) {
        return ConsoleSection.of("writer", false, writer::console);
    }

    /**
     * Per detector: {@code daqhub_writer_<counter>_total} (requests by outcome, images written, lost
     * and missing, bytes and files written), {@code daqhub_writer_active} (1 while a request runs)
     * and {@code daqhub_writer_images_waiting}.
     */
    @Bean
    MeterBinder writerMetrics(WriterAgent writer) {
        return registry -> writer.writers().forEach((detector, w) -> {
            Tags tags = Tags.of("detector", detector);
            CounterMetrics.register(registry, "daqhub.writer", w.statistics(), tags);
            Gauge.builder("daqhub.writer.active", w, x -> x.active() == null ? 0 : 1).tags(tags).register(registry);
            Gauge.builder("daqhub.writer.images.waiting", w, x -> {
                WriteJob job = x.active();
                return job == null ? 0 : job.imagesWaiting();
            }).tags(tags).register(registry);
        });
    }

    @Bean(name = "writer", destroyMethod = "close")
    WriterAgent writer(WriterProperties properties, DetectorRegistry detectors, ObjectMapper json,
            DataDirectory data) {
        return new WriterAgent(properties.under(data), detectors, json,
                new WriteJournal(data.resolve("writer/journal"), json));
    }

    @Bean(name = "writerMessages")
    WriterMessages writerMessages(WriterAgent writer, WriterProxy proxy) {
        return new WriterMessages(writer, proxy);
    }

    @Bean(name = "writerProxy")
    WriterProxy writerProxy(WriterProperties properties, WriterAgent writer, ObjectMapper json,
            ConnectionFactory connections, RabbitTemplate rabbit) {
        WriterProxy proxy = new WriterProxy(properties, writer, json);
        // requests no agent had started were in queues a broker restart dropped
        connections.addConnectionListener(new OnReconnect("writer-resend", () -> proxy.resendUnstarted(rabbit)));
        return proxy;
    }

    /**
     * The exchanges of the std_daq protocol with the originals' flags (non-durable, not
     * auto-delete: other flags make pika's declarations fail with PRECONDITION_FAILED); the hub's
     * event exchange is declared by {@link org.daqhub.broker.HubEvents}. Spring declares them
     * again whenever the connection to the broker is re-established, e.g. after a broker restart.
     */
    @Bean
    Declarables writerExchanges(WriterProperties properties, @Value("${daqhub.instance-id}") String instance) {
        TopicExchange request = new TopicExchange("request", false, false);
        TopicExchange kill = new TopicExchange("kill", false, false);
        Exchange status = properties.statusExchangeType().equals("topic") ? new TopicExchange("status", false, false)
                : new FanoutExchange("status", false, false);
        String tag = properties.tag();
        // Each consumer's own queue, as std_daq's (non-durable, exclusive, auto-delete), but named, so
        // Spring declares it again after a broker restart and the route's consumer finds it.
        Queue requests = ownQueue("requests", tag, instance);
        Queue kills = ownQueue("kills", tag, instance);
        Queue statuses = ownQueue("statuses", tag, instance);
        return new Declarables(request, kill, status, requests, kills, statuses,
                BindingBuilder.bind(requests).to(request).with(tag),
                BindingBuilder.bind(kills).to(kill).with(tag),
                new Binding(statuses.getName(), Binding.DestinationType.QUEUE, "status", tag, null));
    }

    /**
     * Named as routes/writer.yaml names it: daqhub.writer.<role>.<tag>.<instance id>. Exclusive, so
     * it goes with the hub's connection; not auto-delete, so stopping or reloading the route that
     * consumes it does not delete it with its bindings.
     */
    private static Queue ownQueue(String role, String tag, String instance) {
        return new Queue("daqhub.writer." + role + "." + tag + "." + instance, false, true, false);
    }

    /**
     * One channel per publishing thread for the writer's statuses (route writer-status, endpoint
     * option {@code connectionFactory=#orderedRabbitConnections}), so a request's request_start and
     * its end leave on the same channel, in order: the caching factory may hand two consecutive
     * sends two channels, which the embedded broker processes in parallel (one consumer in 13 saw the
     * end first). Bound in Camel's registry only: as a Spring bean of type ConnectionFactory it would
     * replace the hub's own connection factory.
     */
    @Bean(destroyMethod = "close")
    OrderedConnections writerStatusConnections(ConnectionFactory connections, CamelContext camel) {
        ThreadChannelConnectionFactory ordered = new ThreadChannelConnectionFactory(
                ((CachingConnectionFactory) connections).getRabbitConnectionFactory());
        camel.getRegistry().bind("orderedRabbitConnections", ThreadChannelConnectionFactory.class, ordered);
        return new OrderedConnections(ordered);
    }

    /** Holds the factory for its shutdown (it is not a Spring bean of its own type, see above). */
    record OrderedConnections(ThreadChannelConnectionFactory factory) implements AutoCloseable {
        @Override
        public void close() {
            factory.destroy();
        }
    }
}
