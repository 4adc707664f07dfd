package org.daqhub.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * Where a services-profile test keeps its data on the machine's shared PostgreSQL and Redis: a
 * schema and a key prefix of its own, removed at the end, so runs never see each other's rows.
 */
public record ServicesTestData(String schema, String redisPrefix) {

    public static final String REDIS_URL = "redis://" + env("SPRING_DATA_REDIS_HOST", "127.0.0.1") + ":"
            + env("SPRING_DATA_REDIS_PORT", "6379");
    public static final String PG_BASE = env("DAQHUB_IT_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = env("DAQHUB_IT_POSTGRES_USER", "postgres");

    /** A new schema name ({@code it_...}) and its Redis prefix. */
    public static ServicesTestData create() {
        String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new ServicesTestData(schema, "daqhub-it:" + schema + ":");
    }

    /** The JDBC URL of the schema. */
    public String jdbcUrl() {
        return PG_BASE + "?currentSchema=" + schema;
    }

    /** Drops the schema and the Redis keys (best effort: leftovers are named it_* and daqhub-it:*). */
    public void remove() {
        try (Connection c = DriverManager.getConnection(PG_BASE, PG_USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (Exception ignored) {
            // best effort
        }
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(REDIS_URL);
        try (var connection = client.connect()) {
            var keys = connection.sync().keys(redisPrefix + "*");
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        } catch (Exception ignored) {
            // best effort
        } finally {
            client.shutdown();
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
