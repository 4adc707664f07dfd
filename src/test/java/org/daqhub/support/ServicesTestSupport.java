package org.daqhub.support;

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

    private static final ServicesTestData DATA = ServicesTestData.create();
    protected static final String SCHEMA = DATA.schema();
    protected static final String REDIS_PREFIX = DATA.redisPrefix();
    /** Write requests of this JVM's hub travel under their own routing key on the shared RabbitMQ. */
    protected static final String WRITER_TAG = "daqhub-it-" + SCHEMA;
    protected static final String REDIS_URL = ServicesTestData.REDIS_URL;
    protected static final String PG_BASE = ServicesTestData.PG_BASE;

    @Autowired
    protected ApplicationContext context;

    @DynamicPropertySource
    static void servicesProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> PG_BASE + "?currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> ServicesTestData.PG_USER);
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.flyway.create-schemas", () -> "true");
        registry.add("daqhub.registry.redis-prefix", () -> REDIS_PREFIX);
        registry.add("daqhub.writer.tag", () -> WRITER_TAG);
    }

    static {
        // The context stays cached until the JVM ends, so the schema is dropped then.
        Runtime.getRuntime().addShutdownHook(new Thread(DATA::remove));
    }
}
