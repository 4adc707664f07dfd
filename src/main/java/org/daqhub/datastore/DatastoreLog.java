package org.daqhub.datastore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What happened to the datastore, in the original buffer's log format ({@code level, Id, size,
 * name, time, message}): the last entries in memory for the status page and {@code GET /log}, all of
 * them appended to {@code log.jsonl}.
 */
final class DatastoreLog {

    private static final int KEPT = 1000;

    private final Path file;
    private final ObjectMapper json;
    private final ArrayDeque<Map<String, Object>> recent = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong();

    DatastoreLog(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
    }

    synchronized void add(String level, String name, long size, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("level", level);
        e.put("Id", ids.incrementAndGet());
        e.put("size", size);
        e.put("name", name);
        e.put("time", Instant.now().toString());
        e.put("message", message);
        recent.addLast(e);
        while (recent.size() > KEPT) {
            recent.removeFirst();
        }
        try {
            Files.write(file, (json.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        } catch (IOException e2) {
            // the in-memory log still has it; a full disk is reported by the write that caused it
        }
    }

    synchronized List<Map<String, Object>> entries() {
        return new ArrayList<>(recent);
    }
}
