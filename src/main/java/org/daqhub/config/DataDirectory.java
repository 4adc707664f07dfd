package org.daqhub.config;

import java.nio.file.Path;

import org.springframework.core.env.Environment;

/**
 * {@code daqhub.data-dir}, the root of everything the hub keeps on disk, and the one way to a
 * place under it: {@code resolve("broker")}, or {@code or(configured, "datastore")} for a setting
 * whose default lives under the root. The default root is {@value #DEFAULT}.
 */
public record DataDirectory(Path root) {

    public static final String PROPERTY = "daqhub.data-dir";
    public static final String DEFAULT = "./data";

    /** For code that runs before the beans exist (environment post-processors, bean factory post-processors). */
    public static DataDirectory of(Environment environment) {
        return new DataDirectory(Path.of(environment.getProperty(PROPERTY, DEFAULT)));
    }

    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    /** {@code configured} when a setting names a place, else {@code relative} under the root. */
    public Path or(Path configured, String relative) {
        return configured != null ? configured : resolve(relative);
    }
}
