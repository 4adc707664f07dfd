package org.daqhub.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import org.springframework.amqp.AmqpException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.RedisConnectionFailureException;

/**
 * Failures that mean an outside service the hub needs is away (the broker, the database, Redis),
 * answered 503 with which one, so a client knows to try again rather than report a bug. Spring
 * translates a lost database or Redis connection to a {@link DataAccessResourceFailureException};
 * camel-jdbc passes the driver's {@link SQLException} on as it is (SQLState class 08: connection).
 */
final class Unavailable {

    private Unavailable() {
    }

    /** What is away and why, for the error's text; null if {@code caught} is not an outage. */
    static String describe(Throwable caught) {
        for (Throwable t = caught; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AmqpException) {
                return "the message broker is not reachable, try again shortly: " + t.getMessage();
            }
            if (t instanceof RedisConnectionFailureException || t instanceof RedisConnectionException
                    || t instanceof RedisCommandTimeoutException) {
                return "Redis is not reachable, try again shortly: " + t.getMessage();
            }
            if (t instanceof DataAccessResourceFailureException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return "the database is not reachable, try again shortly: " + t.getMessage();
            }
        }
        return null;
    }
}
