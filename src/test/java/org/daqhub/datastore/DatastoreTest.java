package org.daqhub.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.support.FaultyDisks;
import org.daqhub.web.HubException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The datastore on its own files, without Spring or HTTP: restart, crash leftovers, full disk. */
class DatastoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Datastore open(Path where) throws Exception {
        return new Datastore(new DatastoreProperties("/datastore", where, 10_000L, 1_000_000, true), JSON,
                new org.daqhub.web.JsonBodies(JSON));
    }

    private static byte[] doc(int samples) {
        return StrainDocuments.of(samples, samples).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRestartRebuildsCountsAndStateFromTheFiles() throws Exception {
        Datastore ds = open(dir);
        ds.streamdata(doc(100));
        ds.streamdata(doc(200));
        ds.streamdata(doc(300));
        assertThat(ds.train("{\"user\": \"u\", \"token\": \"t\"}").resp()).isEqualTo("FROZEN");
        Datastore again = open(dir);
        assertThat(again.stats().documents()).isEqualTo(3L);
        long bytes = 0;
        try (var files = Files.list(dir.resolve("current"))) {
            for (Path f : files.toList()) {
                bytes += Files.size(f);
            }
        }
        assertThat(again.stats().bytes()).isEqualTo(bytes);
        assertThat(again.desc().resp()).isEqualTo("FROZEN");
        assertThat(again.streamdata(doc(10)).resp()).isEqualTo("FROZEN");
    }

    @Test
    void aWriteInterruptedBeforeItsRenameIsIgnoredAndCleaned() throws Exception {
        Datastore ds = open(dir);
        ds.streamdata(doc(100));
        // what a crash between the write and the rename leaves behind
        Path leftover = dir.resolve("current/.gwb123.json.tmp");
        Files.write(leftover, doc(50));
        Datastore again = open(dir);
        assertThat(again.stats().documents()).isEqualTo(1L);
        assertThat(leftover).doesNotExist();
        assertThat(again.dumpbuf().nmlist()).hasSize(1);
    }

    @Test
    void aFullDiskIs507WithNothingStoredAndCountsUnchanged() throws Exception {
        Path tiny = dir.resolve("tiny");
        FaultyDisks.mountTiny(tiny, 64 * 1024);
        try (Datastore ds = open(tiny)) {
            DatastoreAnswers.Batch before = ds.stats();
            assertThatThrownBy(() -> ds.streamdata(doc(5000))) // about 100 KB
                    .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.status()).isEqualTo(507))
                    .hasMessageContaining("disk is full");
            assertThat(ds.stats()).isEqualTo(before);
            try (var files = Files.list(tiny.resolve("current"))) {
                assertThat(files).isEmpty();
            }
            assertThat(ds.streamdata(doc(10)).resp()).isEqualTo("CREATED"); // and it goes on
        } finally {
            FaultyDisks.unmount(tiny); // after close: the open log file would keep the mount busy
        }
    }

    @Test
    void everyLogEntryIsAppendedToLogJsonlInOrder() throws Exception {
        try (Datastore ds = open(dir)) {
            for (int n = 0; n < 3; n++) {
                ds.streamdata(doc(10));
            }
        }
        try (Datastore again = open(dir)) {
            again.streamdata(doc(10)); // a new hub appends to the same file
        }
        var lines = Files.readAllLines(dir.resolve("log.jsonl"));
        assertThat(lines).hasSize(4);
        for (int n = 0; n < 3; n++) {
            var entry = JSON.readTree(lines.get(n));
            assertThat(entry.get("Id").asLong()).isEqualTo(n + 1);
            assertThat(entry.get("message").asText()).isEqualTo("document written");
        }
    }

    @Test
    void onlyHAndTAreStoredAsTheOriginalDid() throws Exception {
        Datastore ds = open(dir);
        ds.streamdata("{\"meta\": {\"x\": 1}, \"h\": [1.5, 2], \"t\": [0, 0.25]}".getBytes(StandardCharsets.UTF_8));
        String name = ds.dumpbuf().nmlist().get(0);
        assertThat(Files.readString(dir.resolve("current").resolve(name))).isEqualTo("{\"h\":[1.5,2],\"t\":[0,0.25]}");
    }

    @Test
    void archiveNamesNeverCollide() throws Exception {
        Datastore ds = open(dir);
        String first = ds.cleanbuf("{\"msg\": \"a\"}").archive();
        String second = ds.cleanbuf("{\"msg\": \"b\"}").archive();
        assertThat(second).isNotEqualTo(first);
        assertThat(dir.resolve("archives").resolve(first)).isDirectory();
        assertThat(dir.resolve("archives").resolve(second)).isDirectory();
    }

    @Test
    void concurrentWritesUnderGroupCommitAreAllStoredAndCounted() throws Exception {
        Datastore ds = open(dir);
        byte[] doc = doc(100);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.List<java.util.concurrent.Future<DatastoreAnswers.Reply>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 160; i++) {
            answers.add(pool.submit(() -> ds.streamdata(doc)));
        }
        for (var answer : answers) {
            assertThat(answer.get().resp()).isEqualTo("CREATED");
        }
        pool.shutdown();
        assertThat(ds.stats()).isEqualTo(new DatastoreAnswers.Batch(160L, 160L * doc.length));
        try (var files = Files.list(dir.resolve("current"))) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".json"))).hasSize(160);
        }
        assertThat(open(dir).stats().documents()).isEqualTo(160L); // and the same after a restart
    }
}
