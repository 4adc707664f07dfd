package org.daqhub.events;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.camel.component.springrabbit.SpringRabbitMQComponent;
import org.daqhub.broker.OnReconnect;
import org.daqhub.capabilities.Capability;
import org.daqhub.capabilities.ConditionalOnCapability;
import org.daqhub.config.DataDirectory;
import org.daqhub.console.ConsoleSection;
import org.daqhub.metrics.CounterMetrics;
import org.daqhub.web.JsonBodies;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.ServletWebSocketHandlerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;

/** Wires the event streams: store, broker queue and bindings, the service, and the WebSocket endpoint. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnCapability(Capability.EVENT_STREAMS)
@EnableWebSocket
public class EventStreamConfiguration {

    /**
     * This hub's queue on the event-streams exchange (durable direct, as Squonk declares it): like
     * Squonk's per-socket queues it is non-durable and exclusive, so it goes with the hub's
     * connection, but there is one per hub, named so that Spring declares it again after a broker
     * restart. Not auto-delete: stopping or reloading the consuming route must not delete it and its
     * bindings. It is bounded: when the hub falls behind, the broker refuses what does not fit rather
     * than keep a backlog that grows until memory runs out (the embedded broker's memory is the hub's
     * heap). Qpid and RabbitMQ spell the bound differently.
     */
    @Bean
    Declarables eventStreamQueue(@Value("${daqhub.instance-id}") String instance,
            @Value("${daqhub.broker.embedded}") boolean embeddedBroker, EventStreamProperties properties) {
        Map<String, Object> bound = embeddedBroker
                ? Map.of("qpid.max_count", properties.queueMaxMessages(), "qpid.policy_type", "reject")
                : Map.of("x-max-length", properties.queueMaxMessages(), "x-overflow", "reject-publish");
        return new Declarables(new Queue(queueName(instance), false, true, false, bound));
    }

    /**
     * The component of the delivery route (event-streams.yaml): spring-rabbitmq whose listener
     * containers acknowledge in batches. Acknowledged consumption keeps the messages a stopping route
     * has not handed over in the broker (read without acknowledgements, they were the listener
     * container's to work through while it stopped); one ack per message halved the saturated
     * throughput, one per batch costs little (bench/RESULTS.md). It only consumes, so the header
     * filter configured for spring-rabbitmq's producers is not needed here.
     */
    @Bean("spring-rabbitmq-batched")
    SpringRabbitMQComponent batchAcknowledgingRabbitmq(EventStreamProperties properties, ConnectionFactory connections,
            AmqpAdmin admin) {
        SpringRabbitMQComponent component = new SpringRabbitMQComponent();
        component.setConnectionFactory(connections);
        component.setAmqpAdmin(admin);
        component.setListenerContainerFactory(
                new BatchAcknowledgingContainers(properties.messagesPerAck(), properties.ackTimeout().toMillis()));
        return component;
    }

    static String queueName(String instance) {
        return "daqhub.event-streams." + instance;
    }

    @Bean
    EventStreamStore eventStreamStore(NamedParameterJdbcTemplate jdbc) {
        return new EventStreamStore(jdbc);
    }

    @Bean
    EventStreamBindings eventStreamBindings(AmqpAdmin admin, ConnectionFactory connections,
            @Value("${daqhub.instance-id}") String instance) {
        EventStreamBindings bindings = new EventStreamBindings(admin, queueName(instance));
        // the broker lost them with the queue; the next sync binds again
        connections.addConnectionListener(new OnReconnect("event-stream-bindings", bindings::forget));
        return bindings;
    }

    @Bean(name = "eventStreams", destroyMethod = "close")
    EventStreamService eventStreams(EventStreamProperties properties, EventStreamStore store,
            EventStreamBindings bindings, ObjectMapper json, TaskScheduler scheduler,
            ObjectProvider<BuildProperties> build, DataDirectory data, JsonBodies bodies) {
        BuildProperties b = build.getIfAvailable();
        EventStreamService service = new EventStreamService(properties, store, bindings, json, bodies,
                b != null ? b.getVersion() : "dev",
                properties.persistLogs() ? data.resolve("event-streams/logs") : null);
        scheduler.scheduleWithFixedDelay(service::sync, properties.syncInterval());
        return service;
    }

    @Bean(name = "eventStreamMessages")
    EventStreamMessages eventStreamMessages(EventStreamService eventStreams) {
        return new EventStreamMessages(eventStreams);
    }

    @Bean
    ConsoleSection eventStreamConsole(EventStreamService eventStreams) {
        return ConsoleSection.of("event_streams", false, eventStreams::console);
    }

    @Bean(name = "eventStreamPage")
    EventStreamPage eventStreamPage(EventStreamProperties properties) {
        return new EventStreamPage(properties.basePath());
    }

    @Bean
    WebSocketConfigurer eventStreamSockets(EventStreamService streams, EventStreamProperties properties) {
        return (WebSocketHandlerRegistry registry) -> {
            registry.addHandler(new EventStreamSocketHandler(streams, properties.sendTimeout().toMillis()),
                    properties.basePath() + "/*").setAllowedOriginPatterns("*");
            // Before the REST mappings: DELETE /event-stream/{id} would otherwise answer a GET
            // /event-stream/{uuid} (a WebSocket handshake) with 405. Only upgrade requests match it
            // (see upgradeRequestsOnly), so the REST paths under /event-stream stay reachable.
            if (registry instanceof ServletWebSocketHandlerRegistry servlet) {
                servlet.setOrder(-1);
            }
        };
    }

    /** The WebSocket mapping takes WebSocket handshakes only, not every request under its paths. */
    @Bean
    static BeanPostProcessor upgradeRequestsOnly() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof WebSocketHandlerMapping mapping) {
                    mapping.setWebSocketUpgradeMatch(true);
                }
                return bean;
            }
        };
    }

    /**
     * {@code daqhub_event_streams_<counter>_total} (messages received, oversized, unrouted; frames
     * delivered and dropped; sockets opened, refused, closed as slow consumers),
     * {@code daqhub_event_streams_sockets_open} and {@code ..._frames_queued}.
     */
    @Bean
    MeterBinder eventStreamMetrics(EventStreamService streams) {
        return registry -> {
            CounterMetrics.register(registry, "daqhub.event.streams", streams.statistics(), Tags.empty());
            Gauge.builder("daqhub.event.streams.sockets.open", streams, EventStreamService::openSockets)
                    .register(registry);
            Gauge.builder("daqhub.event.streams.frames.queued", streams, EventStreamService::queuedFrames)
                    .register(registry);
        };
    }
}
