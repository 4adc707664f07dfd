package org.daqhub.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.daqhub.support.Commands;
import org.daqhub.support.Http;
import org.daqhub.support.ServicesTestSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The machine's RabbitMQ restarts (its application is stopped and started, which drops the
 * non-durable exchanges and queues of the std_daq protocol) while one write request runs and a
 * second waits in the broker: the agent reconnects, the running request ends normally, and the
 * waiting one, already acknowledged to its client, is not lost.
 */
class WriterBrokerRestartServicesIT extends ServicesTestSupport {

    private static final String DETECTOR = "jungfrau-sim";

    @Test
    void requestsSurviveABrokerRestart() throws Exception {
        String running = Http.json(http().postJson("/write_async",
                "{\"output_file\": \"restart/running.h5\", \"n_images\": 1000, \"detector\": \"" + DETECTOR + "\"}"))
                .get("request_id").asText();
        String waiting = Http.json(http().postJson("/write_async",
                "{\"output_file\": \"restart/waiting.h5\", \"n_images\": 2, \"detector\": \"" + DETECTOR + "\"}"))
                .get("request_id").asText();
        WriterTests.awaitWriterActive(http(), DETECTOR);

        restartRabbitMq();

        // The kill travels over the restarted broker; the end of the running request comes back over it.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            var kill = http().postJson("/write_kill", "{\"request_id\": \"" + running + "\"}");
            assertThat(kill.statusCode()).as(kill.body()).isIn(200, 409);
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> state(running).equals("killed"));
        await().atMost(Duration.ofSeconds(30)).until(() -> state(waiting).equals("running"));
        WriterTests.awaitWriterActive(http(), DETECTOR);
        WriterTests.simulate(http(), DETECTORS_DIR, DETECTOR, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(waiting).equals("succeeded"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "request_success".equals(Http.json(http().get("/write/" + waiting)).path("status").asText()));
        assertThat(DATA_DIR.resolve("output/restart/waiting.h5")).exists();
    }

    private String state(String requestId) {
        JsonNode s = Http.json(http().get("/write/" + requestId));
        return s.path("state").asText("");
    }

    private static void restartRabbitMq() throws InterruptedException {
        Assumptions.assumeTrue(Commands.run("rabbitmqctl", "-q", "stop_app"), "rabbitmqctl cannot restart the broker here");
        assertThat(Commands.run("rabbitmqctl", "-q", "start_app")).as("rabbitmqctl start_app").isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> Commands.run("rabbitmqctl", "-q", "await_startup"));
    }
}
