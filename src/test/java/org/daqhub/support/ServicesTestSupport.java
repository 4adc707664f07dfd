package org.daqhub.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the services-profile integration tests: the real RabbitMQ, Redis and PostgreSQL of the
 * machine (hosts overridable with the usual Spring variables). Each test JVM gets its own
 * PostgreSQL schema, created by Flyway and dropped at the end, so runs never see each other's rows.
 */
@ActiveProfiles("services")
public abstract class ServicesTestSupport extends HubTestSupport {

    protected static final String SCHEMA = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    protected static final String REDIS_PREFIX = "daqhub-it:" + SCHEMA + ":";
    /** Write requests of this JVM's hub travel under their own routing key on the shared RabbitMQ. */
    protected static final String WRITER_TAG = "daqhub-it-" + SCHEMA;
    protected static final String REDIS_URL = "redis://" + env("SPRING_DATA_REDIS_HOST", "127.0.0.1") + ":"
            + env("SPRING_DATA_REDIS_PORT", "6379");
    protected static final String PG_BASE = env("DAQHUB_IT_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");

    @Autowired
    protected ApplicationContext context;

    @DynamicPropertySource
    static void servicesProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> PG_BASE + "?currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> env("DAQHUB_IT_POSTGRES_USER", "postgres"));
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.flyway.create-schemas", () -> "true");
        registry.add("daqhub.registry.redis-prefix", () -> REDIS_PREFIX);
        registry.add("daqhub.writer.tag", () -> WRITER_TAG);
    }

    static {
        // The context stays cached until the JVM ends, so the schema is dropped then.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = DriverManager.getConnection(PG_BASE, env("DAQHUB_IT_POSTGRES_USER", "postgres"), "");
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            } catch (Exception ignored) {
                // best effort: a leftover schema is harmless and named it_*
            }
            io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(REDIS_URL);
            try (var connection = client.connect()) {
                var keys = connection.sync().keys(REDIS_PREFIX + "*");
                if (!keys.isEmpty()) {
                    connection.sync().del(keys.toArray(String[]::new));
                }
            } catch (Exception ignored) {
                // best effort: leftover keys are named daqhub-it:*
            } finally {
                client.shutdown();
            }
        }));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
