package org.daqhub.processors.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest {

    @TempDir
    Path dir;

    @Test
    void aNewFileIsNeverCreatedThroughALink() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "precious");
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createSymbolicLink(root.resolve(".x.part"), victim);
        Files.createSymbolicLink(root.resolve(".y.part"), dir.resolve("would-be-created"));

        assertThatThrownBy(() -> SafeFiles.createExclusively(root.resolve(".x.part"), false))
                .isInstanceOf(FileSystemException.class).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> SafeFiles.createExclusively(root.resolve(".y.part"), false))
                .hasMessageContaining("symbolic link");
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(dir.resolve("would-be-created")).doesNotExist();
    }

    @Test
    void aLeftoverRegularFileIsReplacedAndOwnerOnlyFilesAreBornThatWay() throws Exception {
        Path leftover = Files.writeString(dir.resolve(".a.part"), "old and longer");
        try (FileChannel channel = SafeFiles.createExclusively(leftover, true)) {
            channel.write(ByteBuffer.wrap("new".getBytes()));
        }
        assertThat(Files.readString(leftover)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(leftover))).isEqualTo("rw-------");
    }

    @Test
    void readingRefusesALinkAtTheNameOrADirectoryOutsideTheRoot() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root")).toRealPath();
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "s");
        Files.createSymbolicLink(root.resolve("link"), outside.resolve("secret"));
        Files.createSymbolicLink(root.resolve("sub"), outside);
        Files.writeString(root.resolve("ok"), "fine");

        assertThat(new String(SafeFiles.readAllBytes(root.resolve("ok"), root))).isEqualTo("fine");
        assertThatThrownBy(() -> SafeFiles.readAllBytes(root.resolve("link"), root)).isInstanceOf(FileSystemException.class);
        assertThatThrownBy(() -> SafeFiles.readAllBytes(root.resolve("sub/secret"), root))
                .hasMessageContaining("outside");
    }

    @Test
    void ownerOnlyTightensTheDirectoryAndItsFiles() throws Exception {
        Path d = Files.createDirectories(dir.resolve("db"));
        Path f = Files.writeString(d.resolve("daqhub.mv.db"), "x");
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        SafeFiles.ownerOnly(d);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
    }
}
