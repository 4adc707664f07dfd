package org.daqhub.datastore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
    private final ArrayDeque<DatastoreAnswers.LogEntry> recent = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong();
    private FileChannel channel;

    DatastoreLog(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
    }

    synchronized void add(String level, String name, long size, String message) {
        DatastoreAnswers.LogEntry e = new DatastoreAnswers.LogEntry(level, ids.incrementAndGet(), size, name,
                Instant.now().toString(), message);
        recent.addLast(e);
        while (recent.size() > KEPT) {
            recent.removeFirst();
        }
        try {
            append(ByteBuffer.wrap((json.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Appends through a channel kept open: opening and closing the file for every document cost
     * two system calls and a path lookup under this lock, which every request passes.
     */
    private void append(ByteBuffer line) {
        try {
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
            while (line.hasRemaining()) {
                channel.write(line);
            }
        } catch (IOException e) {
            // The in-memory log still has it; a full disk is reported by the write that caused it.
            // Reopened on the next entry, in case the file was moved or its disk came back.
            closeChannel();
        }
    }

    synchronized void close() {
        closeChannel();
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
            channel = null;
        }
    }

    synchronized List<DatastoreAnswers.LogEntry> entries() {
        return new ArrayList<>(recent);
    }
}
