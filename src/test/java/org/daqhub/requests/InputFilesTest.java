package org.daqhub.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.daqhub.web.HubException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {

    @TempDir
    Path dir;
    Path root;
    InputFiles inputs;

    @BeforeEach
    void files() throws Exception {
        root = Files.createDirectories(dir.resolve("data"));
        for (String f : List.of("output/run1_000001.h5", "output/run1_000002.h5", "output/run2_000001.h5",
                "output/deep/run1_000003.h5", "other/notes.txt")) {
            Files.createDirectories(root.resolve(f).getParent());
            Files.writeString(root.resolve(f), "x");
        }
        Files.writeString(dir.resolve("secret.h5"), "outside");
        inputs = new InputFiles(root, 3);
    }

    @Test
    void aLocalGlobMatchesFilesUnderTheDataRootInOrder() {
        assertThat(inputs.resolveDid("local://output/run1_*.h5")).containsExactly(
                root.resolve("output/run1_000001.h5"), root.resolve("output/run1_000002.h5"));
        assertThat(inputs.resolveDid("local://output/**/run1_*.h5")).containsExactly(
                root.resolve("output/deep/run1_000003.h5"));
        assertThat(inputs.resolveDid("local://" + root.resolve("output/run2_000001.h5")))
                .containsExactly(root.resolve("output/run2_000001.h5"));
    }

    @Test
    void otherSchemesNoMatchAndPathsOutsideTheRootAreRefusedWithTheirReason() throws Exception {
        assertRefused(() -> inputs.resolveDid("rucio://mc16:AOD.123"), "scheme 'rucio' is not supported");
        assertRefused(() -> inputs.resolveDid("output/run1_*.h5"), "is not supported");
        assertRefused(() -> inputs.resolveDid("local://output/none_*.h5"), "matches no file");
        assertRefused(() -> inputs.resolveDid("local://../secret.h5"), "outside the data root");
        assertRefused(() -> inputs.resolveDid("local://" + dir.resolve("secret.h5")), "outside the data root");
        Files.createSymbolicLink(root.resolve("output/link.h5"), dir.resolve("secret.h5"));
        assertRefused(() -> inputs.resolveDid("local://output/link.h5"), "leads outside the data root");
        assertRefused(() -> inputs.resolveDid("local://output/**.h5"), "more than 3 files");
    }

    @Test
    void aFileListNamesExistingFilesInsideTheRoot() throws Exception {
        assertThat(inputs.resolveList(List.of("output/run2_000001.h5", root.resolve("other/notes.txt").toString())))
                .containsExactly(root.resolve("output/run2_000001.h5"), root.resolve("other/notes.txt"));
        assertRefused(() -> inputs.resolveList(List.of()), "file-list is empty");
        assertRefused(() -> inputs.resolveList(List.of("output/missing.h5")), "is not a file");
        assertRefused(() -> inputs.resolveList(List.of("../secret.h5")), "outside the data root");
        assertRefused(() -> inputs.resolveList(List.of("output")), "is not a file");
        Files.createSymbolicLink(root.resolve("output/link.h5"), dir.resolve("secret.h5"));
        assertRefused(() -> inputs.resolveList(List.of("output/link.h5")), "leads outside");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HubException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains(reason);
            assertThat(e.details()).containsEntry("message", e.getMessage());
        });
    }
}
