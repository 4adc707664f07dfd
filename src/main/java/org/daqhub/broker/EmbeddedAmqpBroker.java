package org.daqhub.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.qpid.server.SystemLauncher;
import org.daqhub.config.HubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache Qpid Broker-J running in this JVM with a memory store, so the default profile needs no
 * outside RabbitMQ. Any AMQP 0-9-1 client (pika, the RabbitMQ Java client) can use it.
 *
 * <p>Qpid reads its initial configuration from a URL; inside a Spring Boot fat jar its classpath
 * URL handler fails, so the configuration is written to the broker's work directory first.
 */
public class EmbeddedAmqpBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedAmqpBroker.class);

    private final HubProperties.Broker settings;
    private final Path workDir;
    private final SystemLauncher launcher = new SystemLauncher();

    public EmbeddedAmqpBroker(HubProperties properties) {
        this.settings = properties.broker();
        this.workDir = properties.dataDir().resolve("broker").toAbsolutePath();
    }

    public void start() throws Exception {
        Files.createDirectories(workDir);
        Path config = workDir.resolve("initial-config.json");
        Path systemProperties = workDir.resolve("system.properties");
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(config.toFile(), initialConfig());
        if (!Files.exists(systemProperties)) {
            Files.createFile(systemProperties);
        }

        Map<String, Object> attributes = new HashMap<>();
        attributes.put("type", "Memory");
        attributes.put("initialConfigurationLocation", config.toUri().toString());
        attributes.put("initialSystemPropertiesLocation", systemProperties.toUri().toString());
        attributes.put("startupLoggedToSystemOut", false);
        Map<String, String> context = new HashMap<>();
        context.put("qpid.amqp_port", Integer.toString(settings.port()));
        context.put("qpid.work_dir", workDir.toString());
        context.put("QPID_WORK", workDir.toString());
        attributes.put("context", context);

        long started = System.nanoTime();
        launcher.startup(attributes);
        LOG.info("Embedded AMQP 0-9-1 broker (Qpid Broker-J) listening on port {} after {} ms", settings.port(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void close() {
        launcher.shutdown();
        LOG.info("Embedded AMQP broker stopped");
    }

    private Map<String, Object> initialConfig() {
        Map<String, Object> user = Map.of("name", settings.user(), "password", settings.password(), "type", "managed");
        Map<String, Object> auth = Map.of("name", "plain", "type", "Plain", "secureOnlyMechanisms", List.of(),
                "users", List.of(user));
        Map<String, Object> port = Map.of("name", "AMQP", "port", "${qpid.amqp_port}",
                "protocols", List.of("AMQP_0_9_1"), "authenticationProvider", "plain",
                "virtualhostaliases", List.of(
                        Map.of("name", "nameAlias", "type", "nameAlias"),
                        Map.of("name", "defaultAlias", "type", "defaultAlias")));
        Map<String, Object> node = Map.of("name", "default", "type", "Memory", "defaultVirtualHostNode", "true",
                "virtualHostInitialConfiguration", "{\"type\": \"Memory\"}");
        return Map.of("name", "daq-hub-broker", "modelVersion", "9.1",
                "authenticationproviders", List.of(auth), "ports", List.of(port),
                "virtualhostnodes", List.of(node));
    }

}
