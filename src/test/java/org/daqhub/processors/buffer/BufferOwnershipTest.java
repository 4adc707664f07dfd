package org.daqhub.processors.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A buffer file belongs to the hub that created it until that hub closes it or dies. */
class BufferOwnershipTest {

    @TempDir
    Path dir;

    private ImageBuffer create(Path file) throws IOException {
        return ImageBuffer.create(file, "d", 2, 4, 4, 2, 2);
    }

    @Test
    void aSecondCreatorIsRefusedAndTheFirstOnesFileStays() throws Exception {
        Path file = dir.resolve("daqhub-d.buffer");
        try (ImageBuffer first = create(file)) {
            assertThat(Files.readString(dir.resolve("daqhub-d.buffer.lock")).trim())
                    .isEqualTo("pid " + ProcessHandle.current().pid());
            long inode = (long) Files.getAttribute(file, "unix:ino");
            assertThatThrownBy(() -> create(file)).isInstanceOf(IOException.class)
                    .hasMessageContaining("is in use by another hub (pid " + ProcessHandle.current().pid() + ")");
            assertThat((long) Files.getAttribute(file, "unix:ino")).as("not deleted and re-created").isEqualTo(inode);
        }
        try (ImageBuffer again = create(file)) {
            assertThat(again.slots()).as("once closed, the file can be created again").isEqualTo(2);
        }
    }

    @Test
    void deleteRemovesTheFileAndItsLock() throws Exception {
        Path file = dir.resolve("daqhub-d.buffer");
        create(file).delete();
        assertThat(file).doesNotExist();
        assertThat(dir.resolve("daqhub-d.buffer.lock")).doesNotExist();
    }
}
