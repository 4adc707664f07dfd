package org.daqhub.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A routing key's replay log on disk: read back as written, a cut or damaged tail ends it, rewrites keep the ordinal. */
class KeyLogFileTest {

    @TempDir
    Path dir;

    private static Frame text(long ordinal) {
        return new Frame(ordinal, 1_000 + ordinal, "{\"n\":" + ordinal + "}", null);
    }

    @Test
    void framesAreReadBackAsWrittenAndOrdinalsGoOn() throws Exception {
        try (KeyLogFile file = KeyLogFile.create(dir, "a.key", List.of(), 0)) {
            file.append(text(0), 100);
            file.append(new Frame(1, 1_001, null, new byte[] {(byte) 0xff, 0, 1}), 100);
            file.append(text(2), 100);
        }
        KeyLogFile.Contents c = KeyLogFile.read(dir.resolve(KeyLogFile.fileName("a.key")));
        assertThat(c.routingKey()).isEqualTo("a.key");
        assertThat(c.nextOrdinal()).isEqualTo(3);
        assertThat(c.frames()).hasSize(3);
        assertThat(c.frames().get(0).text()).isEqualTo("{\"n\":0}");
        assertThat(c.frames().get(1).binary()).containsExactly((byte) 0xff, 0, 1);
        assertThat(c.frames().get(2).timestampMillis()).isEqualTo(1_002);
    }

    @Test
    void aRecordCutByACrashEndsTheLogAndIsCutOff() throws Exception {
        Path path = dir.resolve(KeyLogFile.fileName("k"));
        try (KeyLogFile file = KeyLogFile.create(dir, "k", List.of(), 0)) {
            file.append(text(0), 100);
            file.append(text(1), 100);
        }
        long whole = Files.size(path);
        try (FileChannel f = FileChannel.open(path, StandardOpenOption.WRITE)) {
            f.truncate(whole - 3);
        }
        KeyLogFile.Contents c = KeyLogFile.read(path);
        assertThat(c.frames()).extracting(Frame::ordinal).containsExactly(0L);
        assertThat(c.nextOrdinal()).isEqualTo(1);
        assertThat(Files.size(path)).as("the cut record is gone, so appends follow the last whole one").isLessThan(whole - 3);
        try (KeyLogFile file = KeyLogFile.reopen(path, c)) {
            file.append(text(1), 100);
        }
        assertThat(KeyLogFile.read(path).frames()).extracting(Frame::ordinal).containsExactly(0L, 1L);
    }

    @Test
    void aDamagedRecordEndsTheLog() throws Exception {
        Path path = dir.resolve(KeyLogFile.fileName("k"));
        try (KeyLogFile file = KeyLogFile.create(dir, "k", List.of(), 0)) {
            file.append(text(0), 100);
            file.append(text(1), 100);
        }
        byte[] bytes = Files.readAllBytes(path);
        bytes[bytes.length - 2] ^= 0x20; // a bit of the last payload
        Files.write(path, bytes);
        assertThat(KeyLogFile.read(path).frames()).extracting(Frame::ordinal).containsExactly(0L);
    }

    @Test
    void beyondItsLimitTheFileIsRewrittenWithWhatTheLogKeepsAndTheNextOrdinal() throws Exception {
        Path path = dir.resolve(KeyLogFile.fileName("k"));
        try (KeyLogFile file = KeyLogFile.create(dir, "k", List.of(), 0)) {
            assertThat(file.append(text(0), 2)).isFalse();
            assertThat(file.append(text(1), 2)).isFalse();
            assertThat(file.append(text(2), 2)).as("over the limit").isTrue();
            file.rewrite(List.of(text(2)), 3);
            file.append(text(3), 2);
        }
        KeyLogFile.Contents c = KeyLogFile.read(path);
        assertThat(c.frames()).extracting(Frame::ordinal).containsExactly(2L, 3L);
        assertThat(c.nextOrdinal()).isEqualTo(4);
        try (KeyLogFile file = KeyLogFile.create(dir, "empty", List.of(), 42)) {
            // a key whose messages all aged out keeps its next ordinal
        }
        assertThat(KeyLogFile.read(dir.resolve(KeyLogFile.fileName("empty"))).nextOrdinal()).isEqualTo(42);
    }
}
