package org.daqhub.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import io.jhdf.HdfFile;
import org.daqhub.support.Http;
import org.junit.jupiter.api.Test;

/**
 * std_daq's writer protocol spoken by a raw AMQP client, as the original proxy and agents speak it:
 * run against the embedded broker and against the machine's RabbitMQ (which checks exchange flags
 * and header types more strictly).
 */
interface WriterProtocolContract {

    String DETECTOR = "jungfrau-sim";

    Http http();

    int amqpPort();

    String tag();

    Path dataDir();

    Path detectorsDir();

    @Test
    default void theOriginalAmqpProtocolWorksWithARawClient() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(amqpPort());
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            // Declared as pika declares them: default flags. Other flags would fail (PRECONDITION_FAILED).
            channel.exchangeDeclare("request", "topic");
            channel.exchangeDeclare("kill", "topic");
            channel.exchangeDeclare("status", "fanout");
            String statusQueue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(statusQueue, "status", tag());
            String eventQueue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(eventQueue, "event-streams", "writer.request_start");
            channel.queueBind(eventQueue, "event-streams", "writer.request_success");
            BlockingQueue<Delivery> statuses = new LinkedBlockingQueue<>();
            BlockingQueue<Delivery> events = new LinkedBlockingQueue<>();
            channel.basicConsume(statusQueue, true, (tag, m) -> statuses.add(m), tag -> { });
            channel.basicConsume(eventQueue, true, (tag, m) -> events.add(m), tag -> { });

            String requestId = UUID.randomUUID().toString();
            byte[] request = ("{\"output_file\": \"e2e/amqp.h5\", \"n_images\": 5, \"timestamp\": 1627898398.259257, "
                    + "\"detector\": \"" + DETECTOR + "\", \"compression\": \"bitshuffle-lz4\"}").getBytes(StandardCharsets.UTF_8);
            channel.basicPublish("request", tag(),
                    new AMQP.BasicProperties.Builder().correlationId(requestId).headers(Map.of()).build(), request);

            Delivery start = WriterTests.next(statuses, requestId);
            assertThat(WriterTests.header(start, "action")).isEqualTo("request_start");
            assertThat(WriterTests.header(start, "source")).isEqualTo("writer_agent");
            assertThat(start.getProperties().getHeaders()).containsKey("message").containsEntry("message", null);
            assertThat(start.getBody()).isEqualTo(request);
            WriterTests.awaitWriterActive(http(), DETECTOR);
            WriterTests.simulate(http(), detectorsDir(), DETECTOR, 5);
            Delivery end = WriterTests.next(statuses, requestId);
            assertThat(WriterTests.header(end, "action")).isEqualTo("request_success");
            assertThat(end.getProperties().getHeaders()).containsEntry("message", null);
            assertThat(end.getBody()).isEqualTo(request);
            assertThat(end.getProperties().getHeaders()).containsOnlyKeys("action", "source", "message");

            Delivery startEvent = events.poll(10, TimeUnit.SECONDS);
            Delivery endEvent = events.poll(10, TimeUnit.SECONDS);
            assertThat(startEvent.getEnvelope().getRoutingKey()).isEqualTo("writer.request_start");
            assertThat(endEvent.getEnvelope().getRoutingKey()).isEqualTo("writer.request_success");
            JsonNode event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(endEvent.getBody());
            assertThat(event.get("request_id").asText()).isEqualTo(requestId);
            assertThat(event.at("/status/images_written").asLong()).isEqualTo(5);
        }
        try (HdfFile hdf = new HdfFile(dataDir().resolve("output/e2e/amqp.h5"))) {
            assertThat(hdf.getDatasetByPath("/entry/data/data").getDimensions()[0]).isEqualTo(5);
            assertThat(hdf.getDatasetByPath("/entry/data/data").getFilters().get(0).getId()).isEqualTo(32008);
        }
    }
}
