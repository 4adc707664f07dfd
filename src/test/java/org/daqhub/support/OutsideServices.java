package org.daqhub.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Stops and starts this machine's PostgreSQL and Redis for outage tests, the way .ci/run starts
 * them; {@link #start} waits until the service accepts connections again. Tests call start in a
 * finally block: the other tests need the services.
 */
public final class OutsideServices {

    private OutsideServices() {
    }

    public enum Service {
        POSTGRESQL(5432), REDIS(6379);

        final int port;

        Service(int port) {
            this.port = port;
        }
    }

    public static void stop(Service s) throws Exception {
        boolean stopped = switch (s) {
            case POSTGRESQL -> Commands.run("pg_ctlcluster", "--skip-systemctl-redirect", cluster(), "main", "stop");
            case REDIS -> Commands.run("redis-cli", "-p", "6379", "shutdown", "nosave");
        };
        Assumptions.assumeTrue(stopped, "cannot stop " + s + " on this machine");
        await().atMost(Duration.ofSeconds(30)).until(() -> !listening(s.port));
    }

    public static void start(Service s) throws Exception {
        if (!listening(s.port)) {
            switch (s) {
                case POSTGRESQL -> Commands.run("pg_ctlcluster", "--skip-systemctl-redirect", cluster(), "main", "start");
                case REDIS -> Commands.run("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port",
                        "6379", "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile",
                        "/var/log/redis/ci.log");
            }
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> listening(s.port));
    }

    private static String cluster() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            return versions.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
