package org.daqhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import io.lettuce.core.RedisCommandTimeoutException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Which failures mean an outside service is away (503 naming it), wherever they sit in the cause chain. */
class UnavailableTest {

    @Test
    void eachOutsideServiceIsNamed() {
        assertThat(Unavailable.describe(new AmqpConnectException(new java.net.ConnectException("refused"))))
                .startsWith("the message broker is not reachable");
        assertThat(Unavailable.describe(new RedisConnectionFailureException("down"))).startsWith("Redis is not reachable");
        assertThat(Unavailable.describe(new RuntimeCamelException(new RedisCommandTimeoutException("slow"))))
                .startsWith("Redis is not reachable");
        assertThat(Unavailable.describe(new CannotGetJdbcConnectionException("no connection")))
                .startsWith("the database is not reachable");
        // camel-jdbc passes the driver's exception on: SQLState class 08 is a connection failure
        assertThat(Unavailable.describe(new RuntimeCamelException(new SQLException("I/O error", "08006"))))
                .startsWith("the database is not reachable");
    }

    @Test
    void otherFailuresAreNotOutages() {
        assertThat(Unavailable.describe(new IllegalStateException("a bug"))).isNull();
        assertThat(Unavailable.describe(new SQLException("duplicate key", "23505"))).isNull();
    }
}
