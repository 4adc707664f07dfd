package org.daqhub.events;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** The streams, in the database (the Flyway migration V1 owns the table); named parameters only. */
public class EventStreamStore {

    private static final RowMapper<EventStream> ROW = (rs, n) -> new EventStream(rs.getLong("id"),
            rs.getString("uuid"), rs.getString("routing_key"), rs.getTimestamp("created").toInstant());

    private final NamedParameterJdbcTemplate jdbc;

    public EventStreamStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public EventStream create(String uuid, String routingKey) {
        Instant now = Instant.now();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update("INSERT INTO event_stream (uuid, routing_key, created) VALUES (:uuid, :key, :created)",
                new MapSqlParameterSource(Map.of("uuid", uuid, "key", routingKey, "created", Timestamp.from(now))),
                key, new String[] {"id"});
        return new EventStream(key.getKey().longValue(), uuid, routingKey, now);
    }

    public List<EventStream> all() {
        return jdbc.query("SELECT id, uuid, routing_key, created FROM event_stream ORDER BY id", ROW);
    }

    public Optional<EventStream> byUuid(String uuid) {
        return jdbc.query("SELECT id, uuid, routing_key, created FROM event_stream WHERE uuid = :uuid",
                Map.of("uuid", uuid), ROW).stream().findFirst();
    }

    /** Deletes the stream; answers it, or empty if there was none with that id. */
    public Optional<EventStream> delete(long id) {
        Optional<EventStream> stream = jdbc.query("SELECT id, uuid, routing_key, created FROM event_stream WHERE id = :id",
                Map.of("id", id), ROW).stream().findFirst();
        stream.ifPresent(s -> jdbc.update("DELETE FROM event_stream WHERE id = :id", Map.of("id", id)));
        return stream;
    }
}
