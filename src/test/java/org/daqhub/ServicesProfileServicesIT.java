package org.daqhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.daqhub.support.Http;
import org.daqhub.support.ServicesTestSupport;
import org.junit.jupiter.api.Test;

/** The services profile runs against the machine's real RabbitMQ, Redis and PostgreSQL. */
class ServicesProfileServicesIT extends ServicesTestSupport {

    @Test
    void healthIsUpWithPostgresRabbitMqAndRedis() {
        JsonNode health = Http.json(http().get("/actuator/health"));
        assertThat(health.get("status").asText()).as(health.toString()).isEqualTo("UP");
        assertThat(health.at("/components/db/details/database").asText()).isEqualTo("PostgreSQL");
        assertThat(health.at("/components/rabbit/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/rabbit/details/version").asText()).doesNotStartWith("10.");
        assertThat(health.at("/components/redis/status").asText()).isEqualTo("UP");
    }

    @Test
    void runsInTheServicesProfileWithoutEmbeddedBroker() {
        JsonNode info = Http.json(http().get("/hub/info"));
        assertThat(info.get("profiles").toString()).contains("services");
        assertThat(context.containsBean("embeddedAmqpBroker")).isFalse();
    }
}
