package org.daqhub.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Connection;
import org.daqhub.tools.transform.TransformerWorkers;
import org.daqhub.processors.filewriter.hdf5.Compression;
import org.daqhub.support.Http;
import org.daqhub.support.ServicesTestSupport;
import org.daqhub.support.TestImageFiles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Requests with the services profile: the machine's RabbitMQ carries the work, PostgreSQL keeps the books. */
class RequestServicesIT extends ServicesTestSupport {

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Test
    void aRequestRunsToCompleteThroughRabbitMqAndPostgres() throws Exception {
        Path dir = DATA_DIR.resolve("requests-it");
        for (int f = 1; f <= 3; f++) {
            TestImageFiles.write(dir.resolve("run_00000" + f + ".h5"), 3, Compression.LZ4);
        }
        Files.writeString(dir.resolve("run_000004.h5"), "not HDF5");
        String id = RequestTests.submit(http(), "{\"did\": \"local://requests-it/*.h5\", \"columns\": \"sum\","
                + " \"result-destination\": \"volume\", \"result-format\": \"csv\", \"workers\": 2}");

        try (Connection amqp = RequestTests.amqp("127.0.0.1", 5672);
                TransformerWorkers http = RequestTests.transformer(amqp, id, 1, RequestTests.httpReports(http()), null);
                TransformerWorkers amqpWorker = RequestTests.transformer(amqp, id, 1, RequestTests.amqpReports(amqp),
                        null)) {
            JsonNode status = RequestTests.awaitStatus(http(), id, "Complete");
            assertThat(status.get("files-processed").asInt()).isEqualTo(3);
            assertThat(status.get("files-skipped").asInt()).isEqualTo(1);
            assertThat(status.get("stats").get("total-events").asLong()).isEqualTo(9);
            // RabbitMQ cancels the consumers of the deleted queue
            assertThat(http.awaitEnd(10)).isTrue();
            assertThat(amqpWorker.awaitEnd(10)).isTrue();
            assertThat(RequestTests.queueExists(amqp, id)).isFalse();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM transform_result WHERE request_id = :id",
                Map.of("id", id), Integer.class)).isEqualTo(4);
        try (var results = Files.list(DATA_DIR.resolve("results").resolve(id))) {
            assertThat(results.filter(p -> p.toString().endsWith(".stats.csv"))).hasSize(3);
        }
        JsonNode errors = Http.json(http().get("/servicex/transformation/" + id + "/errors")).get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("file").asText()).endsWith("run_000004.h5");
    }

    @Test
    void cancelDeletesTheQueueOnRabbitMq() throws Exception {
        TestImageFiles.write(DATA_DIR.resolve("requests-it-cancel/run.h5"), 1, Compression.NONE);
        String id = RequestTests.submit(http(), "{\"did\": \"local://requests-it-cancel/*.h5\", \"columns\": \"sum\","
                + " \"result-destination\": \"volume\"}");
        try (Connection amqp = RequestTests.amqp("127.0.0.1", 5672)) {
            assertThat(RequestTests.queueExists(amqp, id)).isTrue();
            assertThat(http().get("/servicex/transformation/" + id + "/cancel").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> !RequestTests.queueExists(amqp, id));
        }
        assertThat(RequestTests.status(http(), id).get("status").asText()).isEqualTo("Canceled");
    }
}
