package org.daqhub.requests;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.daqhub.tools.transform.AmqpReports;
import org.daqhub.tools.transform.ReferenceTransformer;
import org.daqhub.tools.transform.TransformerWorkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Runs the reference transformer inside the hub, as ServiceX launches transformer pods: for each
 * running request, {@code workers} consumers (at most {@code max-workers}) of its queue, one
 * unacknowledged message each, reporting over AMQP like an outside transformer. They stop when the
 * request ends.
 */
public class TransformerLauncher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransformerLauncher.class);

    private final ConnectionFactory connections;
    private final int maxWorkers;
    private final ReferenceTransformer transformer;
    private final Map<String, SimpleMessageListenerContainer> running = new ConcurrentHashMap<>();

    public TransformerLauncher(ConnectionFactory connections, RabbitTemplate rabbit, int maxWorkers, String podName) {
        this.connections = connections;
        this.maxWorkers = maxWorkers;
        this.transformer = new ReferenceTransformer(new AmqpReports((headers, body) -> {
            MessageProperties p = new MessageProperties();
            headers.forEach(p::setHeader);
            p.setContentType("application/json");
            rabbit.send("", AmqpReports.QUEUE, new Message(body, p));
        }), podName, null);
    }

    public void launch(TransformRequest request) {
        running.computeIfAbsent(request.requestId(), id -> {
            int workers = Math.max(1, Math.min(request.workers() == null ? 1 : request.workers(), maxWorkers));
            SimpleMessageListenerContainer c = new SimpleMessageListenerContainer(connections);
            c.setQueueNames(id);
            c.setConcurrentConsumers(workers);
            c.setPrefetchCount(1);
            c.setAcknowledgeMode(AcknowledgeMode.MANUAL);
            c.setMissingQueuesFatal(false);
            c.setMessageListener((ChannelAwareMessageListener) (message, channel) -> {
                long tag = message.getMessageProperties().getDeliveryTag();
                switch (TransformerWorkers.handle(message.getBody(), transformer)) {
                    case ACK -> channel.basicAck(tag, false);
                    case REJECT -> channel.basicReject(tag, false);
                    case REQUEUE -> channel.basicNack(tag, false, true);
                }
            });
            c.afterPropertiesSet();
            c.start();
            LOG.info("Request {}: {} embedded transformer(s) started", id, workers);
            return c;
        });
    }

    public boolean isRunning(String requestId) {
        return running.containsKey(requestId);
    }

    /** Stops the request's transformers; a file being transformed is finished and reported first. */
    public void stop(String requestId) {
        SimpleMessageListenerContainer c = running.remove(requestId);
        if (c != null) {
            c.stop();
            LOG.info("Request {}: embedded transformers stopped", requestId);
        }
    }

    public long filesTransformed() {
        return transformer.files();
    }

    public long filesFailed() {
        return transformer.failures();
    }

    @Override
    public void close() {
        running.keySet().forEach(this::stop);
    }
}
