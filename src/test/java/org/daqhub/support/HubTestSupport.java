package org.daqhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the Spring tests of the embedded default: one hub per test JVM (every subclass shares
 * this exact configuration, so Spring's context cache starts it once), on a random HTTP port and
 * a free broker port, with its own data directory and a private copy of {@code routes/} that tests
 * may add files to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
public abstract class HubTestSupport {

    protected static final Path DATA_DIR = tempDir("daqhub-data");
    protected static final Path ROUTES_DIR = copyOfRoutes();
    protected static final int BROKER_PORT = FreePorts.tcp();
    protected static final Path DETECTORS_DIR = TestDetectors.write(tempDir("daqhub-detectors"));
    protected static final Path BUFFER_DIR = tempDir("daqhub-shm");

    @LocalServerPort
    protected int port;

    /**
     * Spring Security is on the test classpath only for the OpenID Connect provider some tests
     * start (the hub itself does not use it); its auto-configuration must not lock the hub's
     * endpoints in the tests.
     */
    private static final String SECURITY_AUTO_CONFIGURATION = String.join(",",
            "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration");

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.autoconfigure.exclude", () -> SECURITY_AUTO_CONFIGURATION);
        registry.add("daqhub.data-dir", DATA_DIR::toString);
        registry.add("daqhub.routes-dir", ROUTES_DIR::toString);
        registry.add("daqhub.routes-poll", () -> "200ms");
        registry.add("daqhub.broker.port", () -> BROKER_PORT);
        registry.add("daqhub.detector.definitions-dir", DETECTORS_DIR::toString);
        registry.add("daqhub.detector.buffer-dir", BUFFER_DIR::toString);
        registry.add("daqhub.detector.bind-address", () -> "127.0.0.1");
        registry.add("daqhub.registry.entry-ttl", () -> "2s");
        registry.add("daqhub.writer.sync-timeout", () -> "6s");
        registry.add("daqhub.event-streams.socket-queue", () -> "200");
        registry.add("daqhub.event-streams.max-message-bytes", () -> "1048576");
        // Below socket-queue: the burst a test lets through the bound must not close its socket as slow.
        registry.add("daqhub.event-streams.queue-max-messages", () -> "150");
        registry.add("daqhub.detector.statistics-events", () -> "1s");
        registry.add("daqhub.datastore.max-size", () -> "200000");
        // Tests run transformers themselves (the embedded ones are tested in RequestProcessIT);
        // silent workers are noticed within seconds.
        registry.add("daqhub.requests.embedded-transformers", () -> "false");
        registry.add("daqhub.requests.file-timeout", () -> "3s");
        registry.add("daqhub.requests.check-interval", () -> "1s");
        registry.add("daqhub.requests.max-attempts", () -> "2");
    }

    public Http http() {
        return new Http("http://127.0.0.1:" + port);
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copyOfRoutes() {
        Path copy = tempDir("daqhub-routes");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }
}
