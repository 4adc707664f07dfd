package org.daqhub.processors.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesWholeOwnerOnlyAndLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("secret");
        DurableFiles.writeAtomically(dir.resolve(".secret.tmp"), target, "key".getBytes(), true, false);

        assertThat(Files.readString(target)).isEqualTo("key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        assertThat(dir.resolve(".secret.tmp")).doesNotExist();
    }

    @Test
    void replacesAndNeverWritesThroughALink() throws Exception {
        Path target = Files.writeString(dir.resolve("state"), "old");
        DurableFiles.writeAtomically(dir.resolve(".state.tmp"), target, "new".getBytes(), false, true);
        assertThat(Files.readString(target)).isEqualTo("new");

        Path victim = Files.writeString(dir.resolve("victim"), "precious");
        Files.createSymbolicLink(dir.resolve(".state.tmp"), victim);
        assertThatThrownBy(() -> DurableFiles.writeAtomically(dir.resolve(".state.tmp"), target, "x".getBytes(),
                false, true)).isInstanceOf(FileSystemException.class).hasMessageContaining("symbolic link");
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.readString(target)).isEqualTo("new");
    }
}
