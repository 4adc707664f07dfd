package org.daqhub.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every source root holds the hub's own packages only (nothing placed inside a library's package),
 * and no two packages share a name, so a name says which one is meant.
 */
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

    @org.junit.jupiter.api.Test
    void noTwoPackagesShareAName() throws IOException {
        java.util.Map<String, java.util.Set<String>> byName = new java.util.TreeMap<>();
        for (String root : List.of("src/main/java", "processors", "tools")) {
            try (Stream<Path> dirs = Files.walk(Path.of(root))) {
                dirs.filter(p -> p.toString().endsWith(".java")).map(p -> Path.of(root).relativize(p.getParent()))
                        .forEach(pkg -> byName.computeIfAbsent(pkg.getFileName().toString(), k -> new java.util.TreeSet<>())
                                .add(pkg.toString().replace('/', '.')));
            }
        }
        byName.values().removeIf(packages -> packages.size() < 2);
        assertThat(byName).isEmpty();
    }
}
