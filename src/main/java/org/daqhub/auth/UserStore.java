package org.daqhub.auth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** Users in the database (Flyway's V2 owns the table); named parameters only. */
public class UserStore {

    private static final String COLUMNS = "id, sub, email, name, institution, experiment, password_hash, admin,"
            + " pending, refresh_token, created_at";
    private static final RowMapper<User> ROW = (rs, n) -> new User(rs.getLong("id"), rs.getString("sub"),
            rs.getString("email"), rs.getString("name"), rs.getString("institution"), rs.getString("experiment"),
            rs.getString("password_hash"), rs.getBoolean("admin"), rs.getBoolean("pending"),
            rs.getString("refresh_token"), rs.getTimestamp("created_at").toInstant());

    private final NamedParameterJdbcTemplate jdbc;

    public UserStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the user; a duplicate e-mail or subject throws DuplicateKeyException. */
    public User insert(String sub, String email, String name, String institution, String experiment,
            String passwordHash, boolean admin, boolean pending) {
        Timestamp now = Timestamp.from(Instant.now());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update("INSERT INTO users (sub, email, name, institution, experiment, password_hash, admin, pending,"
                + " created_at, updated_at) VALUES (:sub, :email, :name, :institution, :experiment, :hash, :admin,"
                + " :pending, :now, :now)", new MapSqlParameterSource().addValue("sub", sub).addValue("email", email)
                        .addValue("name", name).addValue("institution", institution)
                        .addValue("experiment", experiment).addValue("hash", passwordHash).addValue("admin", admin)
                        .addValue("pending", pending).addValue("now", now), key, new String[] {"id"});
        return byId(key.getKey().longValue()).orElseThrow();
    }

    public Optional<User> byId(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM users WHERE id = :id", Map.of("id", id), ROW).stream()
                .findFirst();
    }

    public Optional<User> bySub(String sub) {
        return jdbc.query("SELECT " + COLUMNS + " FROM users WHERE sub = :sub", Map.of("sub", sub), ROW).stream()
                .findFirst();
    }

    public Optional<User> byEmail(String email) {
        return jdbc.query("SELECT " + COLUMNS + " FROM users WHERE LOWER(email) = LOWER(:email)",
                Map.of("email", email), ROW).stream().findFirst();
    }

    public List<User> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM users ORDER BY id", ROW);
    }

    public List<User> pending() {
        return jdbc.query("SELECT " + COLUMNS + " FROM users WHERE pending = TRUE ORDER BY id", ROW);
    }

    public boolean hasAdmin() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT COUNT(*) > 0 FROM users WHERE admin = TRUE", Map.of(),
                Boolean.class));
    }

    /** Accepts a pending user; false if there was none with that e-mail pending. */
    public boolean accept(long id) {
        return jdbc.update("UPDATE users SET pending = FALSE, updated_at = :now WHERE id = :id",
                Map.of("id", id, "now", Timestamp.from(Instant.now()))) == 1;
    }

    /** Remembers the user's one valid API token (the old one stops working). */
    public void refreshToken(long id, String jti) {
        jdbc.update("UPDATE users SET refresh_token = :jti, updated_at = :now WHERE id = :id",
                Map.of("id", id, "jti", jti, "now", Timestamp.from(Instant.now())));
    }

    public boolean delete(long id) {
        return jdbc.update("DELETE FROM users WHERE id = :id", Map.of("id", id)) == 1;
    }

    public int deletePending() {
        return jdbc.update("DELETE FROM users WHERE pending = TRUE", Map.of());
    }
}
