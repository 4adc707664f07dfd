package org.daqhub.requests;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.camel.ProducerTemplate;
import org.daqhub.broker.OnReconnect;
import org.daqhub.capabilities.Capability;
import org.daqhub.capabilities.ConditionalOnCapability;
import org.daqhub.config.DataDirectory;
import org.daqhub.console.ConsoleSection;
import org.daqhub.metrics.CounterMetrics;
import org.daqhub.web.JsonBodies;
import org.daqhub.routes.RequiredRoutes;
import org.daqhub.tools.transform.AmqpReports;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires request orchestration: store, queues, embedded transformers, the service and the worker protocol. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnCapability(Capability.REQUESTS)
public class RequestConfiguration {

    /** Where the service hands its deliveries and ended requests to routes/requests.yaml. */
    static final String PUBLISH = "direct:request-publish";
    static final String ENDED = "direct:request-ended";

    /**
     * ServiceX's exchanges (non-durable direct, as its app declares them): the requests', and
     * {@value #FAILURES}, where transformers publish a file's failure (a publish to a missing exchange
     * would close their channel); and the hub's queue for transformer reports sent over AMQP (durable:
     * shared by the replicas, kept over a restart). Declared again after every broker reconnection.
     */
    @Bean
    Declarables requestExchanges() {
        return new Declarables(new DirectExchange(RequestQueues.EXCHANGE, false, false),
                new DirectExchange(FAILURES, false, false), new Queue(AmqpReports.QUEUE, true, false, false));
    }

    /** The exchange ServiceX transformers publish failures to (routing key {@code <request id>_errors}). */
    static final String FAILURES = "transformation_failures";

    @Bean
    RequestStore requestStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions) {
        return new RequestStore(jdbc, transactions);
    }

    @Bean(destroyMethod = "close")
    TransformerLauncher transformerLauncher(RequestProperties properties, ConnectionFactory connections,
            RabbitTemplate rabbit, @Value("${daqhub.instance-id}") String instance) {
        return new TransformerLauncher(connections, rabbit, properties.maxWorkers(), "daqhub-" + instance);
    }

    @Bean(name = "requests")
    RequestService requests(RequestProperties properties, RequestStore store, AmqpAdmin admin,
            TransformerLauncher launcher, ObjectMapper json, ObjectProvider<BuildProperties> build,
            DataDirectory data, ConnectionFactory connections, ProducerTemplate producer, JsonBodies bodies) {
        RequestProperties effective = properties.under(data);
        BuildProperties b = build.getIfAvailable();
        RequestService service = new RequestService(effective, store, new RequestQueues(admin, store), launcher, json,
                new NewRequestParser(json, bodies), b != null ? b.getVersion() : "dev");
        service.dispatchTo(new RequestDispatch() {
            @Override
            public void publish(List<Delivery> deliveries) {
                if (!deliveries.isEmpty()) {
                    producer.sendBody(PUBLISH, deliveries);
                }
            }

            @Override
            public void ended(TransformRequest request) {
                producer.sendBody(ENDED, request);
            }
        });
        // a broker restart dropped the non-durable request queues and their messages
        connections.addConnectionListener(new OnReconnect("requests-recover", service::recover));
        return service;
    }

    /** The routes RequestService sends to (below): an edit of requests.yaml must keep them. */
    @Bean
    RequiredRoutes requestRoutes() {
        return new RequiredRoutes("requests.yaml", List.of(PUBLISH, ENDED), "RequestService (RequestConfiguration)");
    }

    /** For users only, as the requests' own GET verbs. */
    @Bean
    ConsoleSection requestConsole(RequestService requests) {
        return ConsoleSection.of("requests", true, requests::console);
    }

    @Bean(name = "requestWorkers")
    WorkerProtocol requestWorkers(RequestService requests, ObjectMapper json, JsonBodies bodies) {
        return new WorkerProtocol(requests, json, bodies);
    }

    /** {@code daqhub_requests_<counter>_total} and the files the embedded transformers did. */
    @Bean
    MeterBinder requestMetrics(RequestService requests, TransformerLauncher launcher) {
        return (MeterRegistry registry) -> {
            CounterMetrics.register(registry, "daqhub.requests", requests.statistics(), Tags.empty());
            FunctionCounter.builder("daqhub.requests.embedded.files.transformed", launcher,
                    TransformerLauncher::filesTransformed).register(registry);
            FunctionCounter.builder("daqhub.requests.embedded.files.failed", launcher,
                    TransformerLauncher::filesFailed).register(registry);
        };
    }
}
