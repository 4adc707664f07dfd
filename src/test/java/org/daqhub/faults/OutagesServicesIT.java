package org.daqhub.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.daqhub.support.Commands;
import org.daqhub.support.Http;
import org.daqhub.support.OutsideServices;
import org.daqhub.support.OutsideServices.Service;
import org.daqhub.support.ServicesTestSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The machine's PostgreSQL, Redis and RabbitMQ stopped under the running hub (services profile) and started
 * again: meanwhile health says DOWN and the endpoints that need the service answer 503 with the
 * hub's JSON error naming it (never 500); what was acknowledged before is there after; the hub
 * resumes by itself once the service is back.
 */
class OutagesServicesIT extends ServicesTestSupport {

    @Test
    void whilePostgresqlIsAwayTheHubAnswers503AndResumesWhenItIsBack() throws Exception {
        HttpResponse<String> created = http().postJson("/event-stream/", "{\"routing_key\": \"outage.pg\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String stream = Http.json(created).get("id").asText();
        try {
            OutsideServices.stop(Service.POSTGRESQL);
            assertUnavailable(http().get("/event-stream/"), "the database is not reachable");
            assertUnavailable(http().postJson("/event-stream/", "{\"routing_key\": \"outage.pg.2\"}"),
                    "the database is not reachable");
            await().atMost(Duration.ofSeconds(30)).until(() -> http().get("/actuator/health").statusCode() == 503);
            assertThat(Http.json(http().get("/actuator/health")).at("/components/db/status").asText()).isEqualTo("DOWN");
            assertNotReadyButLive();
        } finally {
            OutsideServices.start(Service.POSTGRESQL);
        }
        long back = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).until(() -> http().get("/event-stream/").statusCode() == 200);
        System.out.printf("PostgreSQL outage: the hub answered again %.1f s after PostgreSQL listened%n",
                (System.nanoTime() - back) / 1e9);
        assertThat(Http.json(http().get("/event-stream/")).get("event_streams").findValuesAsText("id")).contains(stream);
        await().atMost(Duration.ofSeconds(30)).until(() -> http().get("/actuator/health").statusCode() == 200);
    }

    @Test
    void whileRedisIsAwayTheRegistryAnswers503AndResumesWhenItIsBack() throws Exception {
        String publish = "{\"partition\": \"outage\", \"connections\": [{\"connection_type\": 0, \"data_type\": \"T\","
                + " \"uid\": \"a\", \"uri\": \"tcp://127.0.0.1:1\"}]}";
        String lookup = "{\"uid_regex\": \".*\", \"data_type\": \"T\"}";
        assertThat(http().postJson("/publish", publish).statusCode()).isEqualTo(200);
        try {
            OutsideServices.stop(Service.REDIS);
            assertUnavailable(http().postJson("/getconnection/outage", lookup), "Redis is not reachable");
            assertUnavailable(http().postJson("/publish", publish), "Redis is not reachable");
            await().atMost(Duration.ofSeconds(30)).until(() -> http().get("/actuator/health").statusCode() == 503);
            assertThat(Http.json(http().get("/actuator/health")).at("/components/redis/status").asText()).isEqualTo("DOWN");
            assertNotReadyButLive();
        } finally {
            OutsideServices.start(Service.REDIS);
        }
        long back = System.nanoTime();
        // this machine's Redis keeps nothing across a restart (--save ""): the entry is gone with it, not stale
        await().atMost(Duration.ofSeconds(60)).until(() -> http().postJson("/getconnection/outage", lookup).statusCode() == 404);
        System.out.printf("Redis outage: the registry answered again %.1f s after Redis listened%n",
                (System.nanoTime() - back) / 1e9);
        assertThat(http().postJson("/publish", publish).statusCode()).isEqualTo(200);
        assertThat(http().postJson("/getconnection/outage", lookup).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> http().get("/actuator/health").statusCode() == 200);
    }

    @Test
    void whileRabbitMqIsAwayWritesAre503AndTheHubResumes() throws Exception {
        String write = "{\"output_file\": \"outage/rabbit.h5\", \"n_images\": 1, \"detector\": \"jungfrau-sim\"}";
        Assumptions.assumeTrue(Commands.run("rabbitmqctl", "-q", "stop_app"), "rabbitmqctl cannot stop the broker here");
        try {
            assertUnavailable(http().postJson("/write_async", write), "the message broker is not reachable");
            await().atMost(Duration.ofSeconds(30)).until(() -> http().get("/actuator/health").statusCode() == 503);
            assertThat(Http.json(http().get("/actuator/health")).at("/components/rabbit/status").asText()).isEqualTo("DOWN");
            assertNotReadyButLive();
        } finally {
            assertThat(Commands.run("rabbitmqctl", "-q", "start_app")).as("rabbitmqctl start_app").isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> Commands.run("rabbitmqctl", "-q", "await_startup"));
        }
        long back = System.nanoTime();
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> r = http().postJson("/write_async", write);
            if (r.statusCode() == 200) {
                id[0] = Http.json(r).get("request_id").asText();
            }
            return id[0] != null;
        });
        System.out.printf("RabbitMQ outage: writes accepted again %.1f s after RabbitMQ was up%n",
                (System.nanoTime() - back) / 1e9);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Http.json(http().get("/write/" + id[0])).path("state").asText().equals("running"));
        http().postJson("/write_kill", "{\"request_id\": \"" + id[0] + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Http.json(http().get("/write/" + id[0])).path("state").asText().equals("killed"));
        await().atMost(Duration.ofSeconds(30)).until(() -> http().get("/actuator/health").statusCode() == 200);
    }

    /** The readiness probe fails (the orchestrator routes clients elsewhere); the liveness probe does not. */
    private void assertNotReadyButLive() {
        assertThat(http().get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        assertThat(http().get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    private static void assertUnavailable(HttpResponse<String> r, String text) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = Http.json(r);
        assertThat(body.get("error").asText()).contains(text);
        assertThat(body.get("status").asInt()).isEqualTo(503);
    }
}
