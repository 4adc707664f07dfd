package org.daqhub.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Where a socket starts, from Squonk v3's query parameters: {@code stream_from_ordinal} (inclusive),
 * {@code stream_from_timestamp} (epoch ms) or {@code stream_from_datetime} (ISO 8601; without an
 * offset it is UTC). At most one; none means live only. Unlike the original, 0 counts (it was
 * ignored as "false" there).
 */
record Replay(Long ordinal, Long timestampMillis) {

    /** @throws IllegalArgumentException with the close reason */
    static Replay of(Map<String, List<String>> query) {
        List<String> given = List.of("stream_from_ordinal", "stream_from_timestamp", "stream_from_datetime").stream()
                .filter(query::containsKey).toList();
        if (given.isEmpty()) {
            return null;
        }
        if (given.size() > 1) {
            throw new IllegalArgumentException("Only one of stream_from_ordinal, stream_from_timestamp and "
                    + "stream_from_datetime may be given, not " + given);
        }
        String name = given.get(0);
        String value = query.get(name).get(0);
        try {
            return switch (name) {
                case "stream_from_ordinal" -> new Replay(nonNegative(name, Long.parseLong(value)), null);
                case "stream_from_timestamp" -> new Replay(null, nonNegative(name, Long.parseLong(value)));
                default -> new Replay(null, datetime(value).toEpochMilli());
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not "
                    + (name.endsWith("datetime") ? "an ISO 8601 date and time" : "a whole number"));
        }
    }

    private static long nonNegative(String name, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must not be negative, not " + v);
        }
        return v;
    }

    private static Instant datetime(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        }
    }
}
