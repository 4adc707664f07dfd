package org.daqhub.requests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.daqhub.tools.transform.AmqpReports;
import org.daqhub.tools.transform.HttpReports;
import org.daqhub.tools.transform.ReferenceTransformer;
import org.daqhub.tools.transform.Reports;
import org.daqhub.tools.transform.TransformerWorkers;
import org.daqhub.support.Http;

/** Steps the request tests share: submit, wait for a status, run the reference transformer as a worker would. */
final class RequestTests {

    private RequestTests() {
    }

    static String submit(Http http, String body) {
        var response = http.postJson("/servicex/transformation", body);
        if (response.statusCode() != 200) {
            throw new AssertionError(response.statusCode() + " " + response.body());
        }
        return Http.json(response).get("request_id").asText();
    }

    static JsonNode status(Http http, String requestId) {
        return Http.json(http.get("/servicex/transformation/" + requestId + "/status?details=true"));
    }

    static JsonNode awaitStatus(Http http, String requestId, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(http, requestId).get("status").asText().equals(status));
        return status(http, requestId);
    }

    static Connection amqp(String host, int port) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        try {
            return factory.newConnection("request-tests");
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reports over HTTP to the hub's internal endpoints, as a ServiceX transformer does. */
    static Reports httpReports(Http http) {
        return new HttpReports(http.uri("/servicex/internal/transformation").toString());
    }

    /** Reports as AMQP messages to the hub's report queue. */
    static Reports amqpReports(Connection connection) {
        try {
            Channel channel = connection.createChannel();
            return new AmqpReports((headers, body) -> {
                synchronized (channel) {
                    channel.basicPublish("", AmqpReports.QUEUE, new AMQP.BasicProperties.Builder().headers(headers)
                            .contentType("application/json").build(), body);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference transformer consuming the request's queue, with {@code workers} consumers. */
    static TransformerWorkers transformer(Connection connection, String requestId, int workers, Reports reports,
            Path outputDir) {
        try {
            return new TransformerWorkers(connection, requestId, workers,
                    new ReferenceTransformer(reports, "test-pod", outputDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean queueExists(Connection connection, String name) {
        try {
            Channel c = connection.createChannel();
            try {
                c.queueDeclarePassive(name);
                c.close();
                return true;
            } catch (IOException e) {
                return false; // the broker closed the channel: no such queue
            }
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
