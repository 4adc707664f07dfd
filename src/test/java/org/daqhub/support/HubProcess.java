package org.daqhub.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The packaged jar run as its own process, the way the README says, with a data directory, a copy
 * of the shipped routes, free HTTP and broker ports and the given extra arguments.
 */
public final class HubProcess implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int httpPort;
    private final List<String> command;
    private final int brokerPort;

    private HubProcess(Process process, Path dir, int httpPort, int brokerPort, List<String> command) {
        this.process = process;
        this.dir = dir;
        this.httpPort = httpPort;
        this.brokerPort = brokerPort;
        this.command = command;
    }

    /** Port of the embedded AMQP broker of this hub (embedded profile). */
    public int brokerPort() {
        return brokerPort;
    }

    public static HubProcess start(String name, List<String> extraArgs) throws IOException {
        return start(name, extraArgs, Map.of());
    }

    /** Starts the jar with extra route files (name to YAML) beside the shipped ones. */
    public static HubProcess start(String name, List<String> extraArgs, Map<String, String> extraRoutes)
            throws IOException {
        return start(name, List.of(), extraArgs, extraRoutes);
    }

    /** Starts the jar with JVM options ({@code -XX:...}) before {@code -jar}. */
    public static HubProcess start(String name, List<String> jvmArgs, List<String> extraArgs,
            Map<String, String> extraRoutes) throws IOException {
        Path jar = Path.of("target", "daq-hub.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("target/daq-hub.jar is missing: run mvn package first");
        }
        Path dir = Files.createTempDirectory("daqhub-" + name);
        Path routes = Files.createDirectories(dir.resolve("routes"));
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        for (Map.Entry<String, String> route : extraRoutes.entrySet()) {
            Files.writeString(routes.resolve(route.getKey()), route.getValue());
        }
        int httpPort = FreePorts.tcp();
        int brokerPort = FreePorts.tcp();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + httpPort,
                "--daqhub.data-dir=" + dir,
                "--daqhub.routes-dir=" + routes,
                "--daqhub.detector.buffer-dir=" + dir,
                "--daqhub.broker.port=" + brokerPort));
        command.addAll(extraArgs);
        return new HubProcess(launch(command, dir), dir, httpPort, brokerPort, command);
    }

    private static Process launch(List<String> command, Path dir) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("hub.log").toFile())).start();
    }

    /** Stops this process as OpenShift stops a pod (SIGTERM), and waits for it to end. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Stops this process (SIGTERM, as OpenShift does) and starts the hub again on the same data and ports. */
    public HubProcess restart() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return new HubProcess(launch(command, dir), dir, httpPort, brokerPort, command);
    }

    /** Kills this process (SIGKILL: no shutdown hook runs) and starts the hub again on the same data and ports. */
    public HubProcess killAndRestart() throws IOException, InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        return new HubProcess(launch(command, dir), dir, httpPort, brokerPort, command);
    }

    /** Waits until /actuator/health says UP. */
    public HubProcess awaitHealthy(Duration timeout) {
        Http http = http();
        String[] last = {"no answer"};
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                if (!process.isAlive()) {
                    return true;
                }
                last[0] = http.get("/actuator/health").body();
                return last[0].startsWith("{\"status\":\"UP\"");
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("hub " + dir + " not healthy: " + last[0] + "\nlog: " + log(), e);
        }
        if (!process.isAlive()) {
            throw new AssertionError("hub " + dir + " exited with " + process.exitValue() + "; log:\n" + logText());
        }
        return this;
    }

    public Http http() {
        return new Http("http://127.0.0.1:" + httpPort);
    }

    public Process process() {
        return process;
    }

    public Path dir() {
        return dir;
    }

    public Path log() {
        return dir.resolve("hub.log");
    }

    public String logText() {
        try {
            return Files.readString(log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the process and deletes its directory (image buffers of hundreds of MB) but the log. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            // keep the log, which a failure message points at
            files.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(log()) && !p.equals(dir))
                    .forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: it is a temporary directory
        }
    }
}
