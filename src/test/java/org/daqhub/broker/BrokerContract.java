package org.daqhub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import org.junit.jupiter.api.Test;

/**
 * What an AMQP 0-9-1 client written for RabbitMQ relies on, checked against a broker: the
 * embedded one of the default profile ({@link EmbeddedBrokerContractTest}) and the real RabbitMQ
 * of the services profile ({@code RabbitMqBrokerContractServicesIT}). Where the embedded broker
 * differs, the difference is one of {@link Difference}, listed in the README with its reason, and
 * the test checks the embedded broker's own behaviour instead, so the README stays true.
 */
interface BrokerContract {

    /** Ways the broker departs from RabbitMQ (the README's list for the embedded broker). */
    enum Difference {
        /** Redeclaring an exchange with another type closes the connection (530), not the channel (406). */
        EXCHANGE_REDECLARE_CLOSES_CONNECTION,
        /** Deleting a queue sends its consumers no basic.cancel. */
        NO_CONSUMER_CANCEL_ON_DELETE,
        /** queue.delete of a queue that does not exist closes the channel (404) instead of answering delete-ok. */
        DELETE_UNKNOWN_QUEUE_IS_404,
        /** Consuming another connection's exclusive queue closes the connection (403), not the channel (405). */
        EXCLUSIVE_QUEUE_CLOSES_CONNECTION,
        /** With confirms, an unroutable mandatory message is returned and then nacked (RabbitMQ acks it). */
        UNROUTABLE_MANDATORY_IS_NACKED
    }

    ConnectionFactory factory();

    Set<Difference> differences();

    private Connection connect() throws Exception {
        return factory().newConnection();
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    default void connectionStartCarriesRabbitMqsCapabilities() throws Exception {
        try (Connection connection = connect()) {
            Object table = connection.getServerProperties().get("capabilities");
            assertThat(table).as("aiormq needs it to connect").isInstanceOf(Map.class);
            Map<?, ?> capabilities = (Map<?, ?>) table;
            assertThat(capabilities.get("publisher_confirms")).isEqualTo(true);
            assertThat(capabilities.get("basic.nack")).isEqualTo(true);
            if (differences().contains(Difference.NO_CONSUMER_CANCEL_ON_DELETE)) {
                assertThat(capabilities.get("consumer_cancel_notify")).as("said only where true").isEqualTo(false);
            }
        }
    }

    @Test
    default void publishesAreConfirmedAndUnroutableMandatoryOnesReturned() throws Exception {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            List<String> returned = new CopyOnWriteArrayList<>();
            channel.addReturnListener(r -> returned.add(r.getReplyCode() + ":" + r.getRoutingKey()));
            channel.confirmSelect();
            String queue = channel.queueDeclare(name("confirm"), false, false, true, null).getQueue();
            channel.basicPublish("", queue, null, "kept".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
            channel.basicPublish("amq.direct", "nobody-listens", true, null, "lost".getBytes(StandardCharsets.UTF_8));
            if (differences().contains(Difference.UNROUTABLE_MANDATORY_IS_NACKED)) {
                assertThat(channel.waitForConfirms(10_000)).as("nacked").isFalse();
            } else {
                channel.waitForConfirmsOrDie(10_000);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> returned.size() == 1);
            assertThat(returned).containsExactly("312:nobody-listens");
            assertThat(new String(channel.basicGet(queue, true).getBody(), StandardCharsets.UTF_8)).isEqualTo("kept");
        }
    }

    @Test
    default void rejectOrNackWithoutRequeueDropsTheMessageWithRequeueRedeliversIt() throws Exception {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare(name("reject"), false, false, true, null).getQueue();
            for (String body : List.of("rejected", "nacked", "requeued", "marker")) {
                channel.basicPublish("", queue, null, body.getBytes(StandardCharsets.UTF_8));
            }
            channel.basicReject(get(channel, queue, "rejected").getEnvelope().getDeliveryTag(), false);
            channel.basicNack(get(channel, queue, "nacked").getEnvelope().getDeliveryTag(), false, false);
            channel.basicReject(get(channel, queue, "requeued").getEnvelope().getDeliveryTag(), true);
            // a message put back goes before the rest: the next one is the requeued one, then the marker
            GetResponse again = get(channel, queue, "requeued");
            assertThat(again.getEnvelope().isRedeliver()).isTrue();
            channel.basicAck(again.getEnvelope().getDeliveryTag(), false);
            channel.basicAck(get(channel, queue, "marker").getEnvelope().getDeliveryTag(), false);
            assertThat(channel.basicGet(queue, false)).as("nothing came back").isNull();
        }
    }

    @Test
    default void aMessageUnacknowledgedByAConsumerThatDiesGoesToTheNextOne() throws Exception {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare(name("redeliver"), false, false, true, null).getQueue();
            channel.basicPublish("", queue, null, "work".getBytes(StandardCharsets.UTF_8));
            for (int consumer = 0; consumer < 3; consumer++) {
                try (Connection dying = connect(); Channel c = dying.createChannel()) {
                    assertThat(c.basicGet(queue, false)).as("delivery " + (consumer + 1)).isNotNull();
                }
            }
            GetResponse last = get(channel, queue, "work");
            assertThat(last.getEnvelope().isRedeliver()).isTrue();
            channel.basicAck(last.getEnvelope().getDeliveryTag(), false);
        }
    }

    @Test
    default void aChannelErrorClosesTheChannelNotTheConnection() throws Exception {
        try (Connection connection = connect()) {
            Channel channel = connection.createChannel();
            channel.basicPublish("no-such-exchange-" + UUID.randomUUID(), "k", null, new byte[1]);
            await().atMost(Duration.ofSeconds(5)).until(() -> !channel.isOpen());
            assertThat(((AMQP.Channel.Close) channel.getCloseReason().getReason()).getReplyCode()).isEqualTo(404);
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Test
    default void redeclaringAnExchangeWithAnotherTypeIsRefused() throws Exception {
        Connection connection = connect();
        try {
            String exchange = name("typed");
            Channel declaring = connection.createChannel();
            declaring.exchangeDeclare(exchange, "direct", false, true, null);
            ShutdownSignalException redeclared = catchShutdown(() -> declaring.exchangeDeclare(exchange, "topic", false, true, null));
            if (differences().contains(Difference.EXCHANGE_REDECLARE_CLOSES_CONNECTION)) {
                assertThat(redeclared.isHardError()).isTrue();
                assertThat(((AMQP.Connection.Close) redeclared.getReason()).getReplyCode()).isEqualTo(530);
                return;
            }
            assertThat(redeclared.isHardError()).isFalse();
            assertThat(((AMQP.Channel.Close) redeclared.getReason()).getReplyCode()).isEqualTo(406);
            assertThat(connection.isOpen()).isTrue();
            Channel after = connection.createChannel();
            after.exchangeDelete(exchange);
        } finally {
            connection.abort();
        }
    }

    @Test
    default void deletingAQueueCancelsItsConsumers() throws Exception {
        assumeThat(differences()).as("README: the embedded broker sends no basic.cancel")
                .doesNotContain(Difference.NO_CONSUMER_CANCEL_ON_DELETE);
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare(name("cancel"), false, false, false, null).getQueue();
            AtomicBoolean cancelled = new AtomicBoolean();
            channel.basicConsume(queue, new DefaultConsumer(channel) {
                @Override
                public void handleCancel(String consumerTag) {
                    cancelled.set(true);
                }
            });
            try (Channel other = connection.createChannel()) {
                other.queueDelete(queue);
            }
            await().atMost(Duration.ofSeconds(5)).untilTrue(cancelled);
        }
    }

    @Test
    default void deletingAQueueThatDoesNotExist() throws Exception {
        try (Connection connection = connect()) {
            Channel channel = connection.createChannel();
            String missing = name("missing");
            if (differences().contains(Difference.DELETE_UNKNOWN_QUEUE_IS_404)) {
                ShutdownSignalException closed = catchShutdown(() -> channel.queueDelete(missing));
                assertThat(((AMQP.Channel.Close) closed.getReason()).getReplyCode()).isEqualTo(404);
                return;
            }
            channel.queueDelete(missing);
            assertThat(channel.isOpen()).isTrue();
        }
    }

    @Test
    default void anExclusiveQueueIsItsConnectionsOnly() throws Exception {
        Connection owner = connect();
        Connection other = connect();
        try {
            String queue = owner.createChannel().queueDeclare(name("exclusive"), false, true, true, null).getQueue();
            Channel channel = other.createChannel();
            ShutdownSignalException locked = catchShutdown(() -> channel.basicConsume(queue, true, (t, d) -> { }, t -> { }));
            if (differences().contains(Difference.EXCLUSIVE_QUEUE_CLOSES_CONNECTION)) {
                assertThat(((AMQP.Connection.Close) locked.getReason()).getReplyCode()).isEqualTo(403);
            } else {
                assertThat(((AMQP.Channel.Close) locked.getReason()).getReplyCode()).isEqualTo(405);
            }
            assertThat(owner.isOpen()).as("the owner keeps its queue").isTrue();
        } finally {
            owner.abort();
            other.abort();
        }
    }

    @Test
    default void prefetchBoundsUnacknowledgedDeliveries() throws Exception {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare(name("prefetch"), false, false, true, null).getQueue();
            for (int i = 0; i < 5; i++) {
                channel.basicPublish("", queue, null, new byte[] {(byte) i});
            }
            channel.basicQos(2);
            List<Long> tags = new CopyOnWriteArrayList<>();
            channel.basicConsume(queue, false, (tag, delivery) -> tags.add(delivery.getEnvelope().getDeliveryTag()), t -> { });
            await().atMost(Duration.ofSeconds(5)).until(() -> tags.size() >= 2);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> tags.size() == 2);
            channel.basicAck(tags.get(1), true);
            await().atMost(Duration.ofSeconds(5)).until(() -> tags.size() == 4);
        }
    }

    @Test
    default void aSecondClientDeclaresTheSameExchangesAndQueues() throws Exception {
        String exchange = name("shared");
        String queue = name("shared-q");
        try (Connection first = connect(); Connection second = connect()) {
            for (Connection c : List.of(first, second)) {
                Channel channel = c.createChannel();
                channel.exchangeDeclare(exchange, "topic", true, false, null);
                channel.queueDeclare(queue, true, false, false, null);
                channel.queueBind(queue, exchange, "a.*");
            }
            Channel channel = first.createChannel();
            channel.queueDelete(queue);
            channel.exchangeDelete(exchange);
        }
    }

    @Test
    default void pythonClientsWrittenForRabbitMqWork() throws Exception {
        assumeThat(python("import aio_pika, pika")).as("python3-aio-pika and python3-pika (Debian)").isTrue();
        ConnectionFactory f = factory();
        for (String script : List.of("aio_pika_client.py", "pika_client.py")) {
            Path file = Files.createTempFile("amqp-client", ".py");
            try (var in = BrokerContract.class.getResourceAsStream("/amqp/" + script)) {
                Files.write(file, in.readAllBytes());
            }
            Process p = new ProcessBuilder("/usr/bin/python3", file.toString(), Integer.toString(f.getPort()),
                    f.getUsername(), f.getPassword(), name("py")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(script + ":\n" + out).isZero();
            assertThat(out).as(script).startsWith("OK");
        }
    }

    private static boolean python(String code) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return false;
        }
        return new ProcessBuilder("/usr/bin/python3", "-c", code).start().waitFor() == 0;
    }

    private static GetResponse get(Channel channel, String queue, String expected) throws IOException {
        AtomicReference<GetResponse> got = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            got.set(channel.basicGet(queue, false));
            return got.get() != null;
        });
        assertThat(new String(got.get().getBody(), StandardCharsets.UTF_8)).isEqualTo(expected);
        return got.get();
    }

    /** The broker's close signal for a call it refuses. */
    private static ShutdownSignalException catchShutdown(ThrowingCall call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call::run);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException s) {
                return s;
            }
        }
        throw new AssertionError("expected the broker to close the channel or connection, got " + thrown, thrown);
    }

    interface ThrowingCall {
        void run() throws Exception;
    }
}
