package org.daqhub.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.daqhub.support.ServicesTestSupport;
import org.daqhub.web.HubException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Two hub replicas sharing the machine's Redis: the running hub (over HTTP) and a second registry
 * with its own Redis connection and its own caches, as a second hub process has.
 */
class RegistryReplicasServicesIT extends ServicesTestSupport {

    private static LettuceConnectionFactory factory;
    private static RegistryService replica;

    @BeforeAll
    static void secondReplica() {
        java.net.URI uri = java.net.URI.create(REDIS_URL);
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
        factory.afterPropertiesSet();
        factory.start();
        replica = new RegistryService(new RedisConnectionStore(new StringRedisTemplate(factory), REDIS_PREFIX),
                new RegistryProperties(null, java.time.Duration.ofSeconds(2), null, null, null, "redis", REDIS_PREFIX),
                new org.daqhub.web.JsonBodies(new com.fasterxml.jackson.databind.ObjectMapper()));
    }

    @AfterAll
    static void close() {
        factory.destroy();
    }

    @Test
    void whatOneReplicaPublishesTheOtherFinds() {
        String p = "rep-" + UUID.randomUUID();
        assertThat(http().postJson("/publish", publish(p, "via-http")).body()).isEqualTo("OK");
        assertThat(replica.getConnection(p, "{\"uid_regex\":\"via-.*\",\"data_type\":\"T\"}")).contains("via-http");

        replica.publish(publish(p, "via-replica"));
        assertThat(http().postJson("/getconnection/" + p, "{\"uid_regex\":\"via-.*\",\"data_type\":\"T\"}").body())
                .contains("via-http").contains("via-replica");

        replica.retract("{\"partition\":\"" + p + "\",\"connections\":[{\"connection_id\":\"via-http\"}]}");
        assertThat(http().postJson("/getconnection/" + p, "{\"uid_regex\":\"via-.*\",\"data_type\":\"T\"}").body())
                .doesNotContain("via-http").contains("via-replica");

        assertThat(http().postJson("/retract-partition", "{\"partition\":\"" + p + "\"}").body()).isEqualTo("OK");
        try {
            replica.getConnection(p, "{\"uid_regex\":\".*\",\"data_type\":\"T\"}");
            throw new AssertionError("the partition retracted through the other replica is still there");
        } catch (HubException e) {
            assertThat(e.status()).isEqualTo(404);
        }
    }

    @Test
    void aBatchIsSeenWholeOrNotAtAll() throws Exception {
        String p = "batch-" + UUID.randomUUID();
        int batches = 40;
        int size = 50;
        AtomicBoolean done = new AtomicBoolean();
        List<String> torn = new java.util.concurrent.CopyOnWriteArrayList<>();
        replica.publish("{\"partition\":\"" + p + "\",\"connections\":[]}");
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            while (!done.get()) {
                for (int b = 0; b < batches; b++) {
                    String found = replica.getConnection(p, "{\"uid_regex\":\"b" + b + "-.*\",\"data_type\":\"T\"}");
                    int n = found.equals("[]") ? 0 : found.split("\\},\\{").length;
                    if (n != 0 && n != size) {
                        torn.add("batch " + b + ": " + n);
                    }
                }
            }
        });
        for (int b = 0; b < batches; b++) {
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < size; i++) {
                items.append(i == 0 ? "" : ",").append("{\"uid\":\"b").append(b).append('-').append(i)
                        .append("\",\"uri\":\"tcp://h:").append(i).append("\",\"data_type\":\"T\",\"connection_type\":0}");
            }
            assertThat(http().postJson("/publish", "{\"partition\":\"" + p + "\",\"connections\":[" + items + "]}")
                    .statusCode()).isEqualTo(200);
        }
        done.set(true);
        reader.get();
        assertThat(torn).isEmpty();
    }

    private static String publish(String partition, String uid) {
        return "{\"partition\":\"" + partition + "\",\"connections\":[{\"uid\":\"" + uid
                + "\",\"uri\":\"tcp://h:1\",\"data_type\":\"T\",\"connection_type\":0}]}";
    }
}
