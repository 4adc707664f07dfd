package org.daqhub.processors.filewriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputRootsTest {

    @TempDir
    Path tmp;

    @Test
    void pathsInsideARootAreAcceptedAndTheirDirectoriesCreated() throws Exception {
        Path root = tmp.resolve("out");
        OutputRoots roots = new OutputRoots(List.of(root));
        assertThat(roots.resolve(root + "/run1/a.h5")).isEqualTo(root.resolve("run1/a.h5"));
        assertThat(root.resolve("run1")).isDirectory();
        assertThat(roots.resolve("run2/b.h5")).isEqualTo(root.resolve("run2/b.h5"));
        assertThat(roots.resolve(root + "/x/../c.h5")).isEqualTo(root.resolve("c.h5"));
    }

    @Test
    void escapesAreRefusedAndCreateNothing() throws Exception {
        Path root = tmp.resolve("out");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("link"), elsewhere);
        OutputRoots roots = new OutputRoots(List.of(root));

        for (String bad : List.of("/etc/passwd.h5", "../escape.h5", root + "/../escape.h5", root + "/link/x.h5",
                root + "/link/new/x.h5", root.toString(), "")) {
            assertThatThrownBy(() -> roots.resolve(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("output");
        }
        assertThat(tmp.resolve("escape.h5")).doesNotExist();
        assertThat(elsewhere.resolve("new")).doesNotExist();
    }

    @Test
    void aLinkAsTheFileItselfIsRefused() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("out"));
        Files.createSymbolicLink(root.resolve("f.h5"), tmp.resolve("target.h5"));
        OutputRoots roots = new OutputRoots(List.of(root));
        assertThatThrownBy(() -> roots.resolve(root + "/f.h5")).hasMessageContaining("link");
    }

    @Test
    void longRequestsAreSplitIntoNumberedFiles() {
        Path out = Path.of("/data/run.h5");
        assertThat(FileSeries.of(out, 10, 10).files()).containsExactly(out);
        FileSeries s = FileSeries.of(out, 25, 10);
        assertThat(s.files()).containsExactly(Path.of("/data/run_000001.h5"), Path.of("/data/run_000002.h5"),
                Path.of("/data/run_000003.h5"));
        assertThat(s.imagesIn(2, 25)).isEqualTo(5);
        assertThat(FileSeries.of(Path.of("/data/noext"), 3, 2).files()).containsExactly(Path.of("/data/noext_000001.h5"),
                Path.of("/data/noext_000002.h5"));
    }
}
