package org.daqhub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database's {@code fsync:} file system: each commit forced to the device, files H2 reads plainly. */
class SyncOnWriteFilePathTest {

    @TempDir
    Path dir;

    @Test
    void everyCommitIsForcedToTheDeviceAndTheFileIsAnOrdinaryH2File() throws Exception {
        SyncOnWriteFilePath.register();
        String file = dir.resolve("db/test").toString();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:fsync:" + file + ";WRITE_DELAY=0", "sa", "")) {
            c.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY)");
            long before = SyncOnWriteFilePath.syncs();
            for (int i = 0; i < 5; i++) {
                c.createStatement().execute("INSERT INTO t VALUES (" + i + ")");
            }
            assertThat(SyncOnWriteFilePath.syncs() - before).as("one forced write per commit at least").isGreaterThanOrEqualTo(5);
        }
        assertThat(Files.exists(Path.of(file + ".mv.db"))).as("at the path after the scheme, not under a directory 'fsync:'")
                .isTrue();
        try (Connection plain = DriverManager.getConnection("jdbc:h2:file:" + file, "sa", "");
                ResultSet rows = plain.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(5);
        }
    }

    @Test
    void theDatabaseDirectoryIsFoundBehindTheScheme() {
        assertThat(OwnerOnlyDirectories.h2Directory("jdbc:h2:file:fsync:/data/db/daqhub;WRITE_DELAY=0"))
                .contains(Path.of("/data/db"));
        assertThat(OwnerOnlyDirectories.h2Directory("jdbc:h2:file:/data/db/daqhub")).contains(Path.of("/data/db"));
    }
}
