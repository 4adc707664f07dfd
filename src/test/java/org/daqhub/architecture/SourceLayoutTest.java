package org.daqhub.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every source root holds the hub's own packages only: nothing placed inside a library's package. */
class SourceLayoutTest {

    @ParameterizedTest
    @ValueSource(strings = {"src/main/java", "processors", "tools"})
    void everyClassIsInTheHubsOwnPackages(String root) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(root))) {
            List<String> foreign = files.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> Path.of(root).relativize(p).toString())
                    .filter(p -> !p.startsWith("org/daqhub/")).toList();
            assertThat(foreign).isEmpty();
        }
    }
}
