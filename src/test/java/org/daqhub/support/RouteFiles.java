package org.daqhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes routes files the way an editor or a ConfigMap update does: whole, by rename. */
public final class RouteFiles {

    private RouteFiles() {
    }

    public static void write(Path dir, String name, String yaml) {
        try {
            Path tmp = Files.createTempFile(dir, ".edit-", ".tmp");
            Files.writeString(tmp, yaml);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path dir, String name) {
        try {
            Files.deleteIfExists(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A route answering GET {@code path} with a constant text. */
    public static String constantEndpoint(String routeId, String path, String answer) {
        return """
                - rest:
                    get:
                      - path: %s
                        to: direct:%s
                - route:
                    id: %s
                    from:
                      uri: direct:%s
                      steps:
                        - setBody:
                            constant: "%s"
                """.formatted(path, routeId, routeId, routeId, answer);
    }
}
