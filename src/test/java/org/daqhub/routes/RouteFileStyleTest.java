package org.daqhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * routes/*.yaml read as the data flow: endpoint options are {@code parameters:} maps, one option a
 * line, not a query string an operator has to take apart to change one of them; SQL is the stores'.
 */
class RouteFileStyleTest {

    @Test
    void endpointOptionsAreParameterMaps() throws IOException {
        List<String> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).trim();
                    if (line.startsWith("uri:") && line.contains("?")) {
                        queries.add(file.getFileName() + ":" + (i + 1) + " " + line);
                    }
                }
            }
        }
        assertThat(queries).as("uris with a query string instead of parameters:").isEmpty();
    }

    /** Each capability's SQL sits in its store class, with named parameters; none in the routes. */
    @Test
    void noSqlInTheRoutes() throws IOException {
        Pattern sql = Pattern.compile("(?i)\\b(INSERT INTO|DELETE FROM|UPDATE \\w+ SET|SELECT .+ FROM)\\b");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (sql.matcher(lines.get(i)).find()) {
                        found.add(file.getFileName() + ":" + (i + 1) + " " + lines.get(i).trim());
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
