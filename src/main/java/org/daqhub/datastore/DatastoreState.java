package org.daqhub.datastore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The persisted part of the datastore's state ({@code state.json}): frozen or not, by whom, when. */
record DatastoreState(String status, String user, String token, String frozenAt, long frozenCount, long frozenBytes) {

    static DatastoreState operational() {
        return new DatastoreState(Datastore.OPERATIONAL, "databuf", "databuf", null, 0, 0);
    }

    static DatastoreState frozen(String user, String token, long count, long bytes) {
        return new DatastoreState(Datastore.FROZEN, user, token, Instant.now().toString(), count, bytes);
    }

    boolean frozen() {
        return Datastore.FROZEN.equals(status);
    }

    void write(Path file, ObjectMapper json) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dstatus", status);
        m.put("user", user);
        m.put("token", token);
        m.put("frozen_at", frozenAt);
        m.put("n_f", frozenCount);
        m.put("bt_wrt", frozenBytes);
        DocumentWriter.writeAtomically(file, json.writeValueAsBytes(m));
    }

    static DatastoreState read(Path file, ObjectMapper json) throws IOException {
        JsonNode n = json.readTree(file.toFile());
        return new DatastoreState(n.path("dstatus").asText(Datastore.OPERATIONAL), n.path("user").asText(null),
                n.path("token").asText(null), n.path("frozen_at").asText(null), n.path("n_f").asLong(),
                n.path("bt_wrt").asLong());
    }
}
