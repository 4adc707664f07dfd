package org.daqhub.tools.transform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumers of one request's queue on an AMQP connection, each with one unacknowledged message at
 * a time: a message is acknowledged once its file is reported, sent back to the queue if the
 * report failed, and dropped if it is not a transformer message. {@link #awaitEnd} returns when
 * the hub deleted the queue (the request ended).
 */
public final class TransformerWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransformerWorkers.class);

    private final List<Channel> channels = new ArrayList<>();
    private final CountDownLatch ended;
    private final Connection connection;
    private final String queue;

    public TransformerWorkers(Connection connection, String queue, int workers, ReferenceTransformer transformer)
            throws IOException {
        this.ended = new CountDownLatch(workers);
        this.connection = connection;
        this.queue = queue;
        for (int w = 0; w < workers; w++) {
            Channel channel = connection.createChannel();
            channels.add(channel);
            channel.basicQos(1);
            channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                        byte[] body) throws IOException {
                    deliver(channel, envelope.getDeliveryTag(), body, transformer);
                }

                @Override
                public void handleCancel(String tag) {
                    LOG.info("The queue {} was deleted: the request has ended", queue);
                    ended.countDown();
                }

                /*
                 * RabbitMQ cancels the consumer when the queue is deleted; Qpid Broker-J closes the
                 * channel instead. A lost connection (a hard error) is not an end: the client
                 * recovers it and consumes again.
                 */
                @Override
                public void handleShutdownSignal(String tag, ShutdownSignalException signal) {
                    if (!signal.isHardError() && !signal.isInitiatedByApplication()) {
                        LOG.info("The broker closed the channel on {} ({}): the request has ended", queue,
                                signal.getMessage());
                        ended.countDown();
                    }
                }
            });
        }
    }

    private static void deliver(Channel channel, long tag, byte[] body, ReferenceTransformer transformer)
            throws IOException {
        switch (handle(body, transformer)) {
            case ACK -> channel.basicAck(tag, false);
            case REJECT -> channel.basicReject(tag, false);
            case REQUEUE -> channel.basicNack(tag, false, true);
        }
    }

    /** What to do with a delivered message once {@link #handle} has dealt with it. */
    public enum Outcome { ACK, REJECT, REQUEUE }

    /**
     * Transforms the file of one delivered message: acknowledge once reported, reject what is not a
     * transformer message, requeue when the report could not be sent (another worker will retry).
     */
    public static Outcome handle(byte[] body, ReferenceTransformer transformer) {
        TransformMessage message;
        try {
            message = TransformMessage.parse(body);
        } catch (IOException e) {
            LOG.warn("Dropping a message that is not a transformer message: {}", e.getMessage());
            return Outcome.REJECT;
        }
        try {
            transformer.process(message);
            return Outcome.ACK;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not report file {} of request {}; it goes back to the queue: {}", message.fileId(),
                    message.requestId(), e.getMessage());
            return Outcome.REQUEUE;
        }
    }

    /**
     * Waits until the request's queue is deleted; false if {@code seconds} passed first. Qpid
     * Broker-J neither cancels the consumers of a deleted queue nor closes their channel, so the
     * queue is also looked for every second.
     */
    public boolean awaitEnd(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!ended.await(Math.min(1000, Math.max(0, (deadline - System.nanoTime()) / 1_000_000)),
                TimeUnit.MILLISECONDS)) {
            if (!queueExists()) {
                LOG.info("The queue {} is gone: the request has ended", queue);
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
        }
        return true;
    }

    private boolean queueExists() {
        try {
            Channel probe = connection.createChannel();
            try {
                probe.queueDeclarePassive(queue);
                probe.close();
                return true;
            } catch (IOException e) {
                return false; // 404: the broker closed the probe channel
            }
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            return true; // cannot tell now (connection recovering): keep waiting
        }
    }

    @Override
    public void close() {
        for (Channel c : channels) {
            try {
                if (c.isOpen()) {
                    c.close();
                }
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException ignored) {
                // closing: an unacknowledged message goes back to the queue either way
            }
        }
    }
}
