package org.daqhub.broker;

import java.nio.file.Files;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.SystemConfig;
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
    private final AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
    private final SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
        @Override
        public void onContainerResolve(SystemConfig<?> config) {
            system.set(config);
        }
    });

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
        context.put("qpid.connection.property_map", RabbitCapabilities.json());
        // basic.reject/nack with requeue=false drop the message, as on RabbitMQ: Qpid puts it back
        // unless the queue limits delivery attempts (a requeue=true or a consumer's death still
        // redelivers, as those do not count as an attempt).
        context.put("queue.maximumDeliveryAttempts", "1");
        attributes.put("context", context);

        long started = System.nanoTime();
        launcher.startup(attributes);
        withoutOwnShutdownHook();
        LOG.info("Embedded AMQP 0-9-1 broker (Qpid Broker-J) listening on {}:{} for user {} after {} ms",
                settings.bindAddress(), settings.port(), settings.user(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Qpid stops itself from a JVM shutdown hook of its own, in parallel with Spring's: the broker
     * was gone while the hub's AMQP consumers were still cancelling, and each then waited for an
     * answer until its timeout (seconds on every shutdown). Without that hook, Spring stops the
     * consumers first and then the broker ({@link #close}), in order.
     */
    private void withoutOwnShutdownHook() {
        Object broker = system.get() == null ? null : system.get().getContainer();
        for (Class<?> c = broker == null ? null : broker.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField("_shutdownHook");
                field.setAccessible(true);
                if (field.get(broker) instanceof Thread hook) {
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
                return;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.debug("Qpid's shutdown hook stays: {}", e.toString());
                return;
            }
        }
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
        // SUPPLIED-MAP adds qpid.connection.property_map to connection.start: RabbitMQ's capabilities.
        Map<String, Object> port = Map.of("name", "AMQP", "port", "${qpid.amqp_port}",
                "bindingAddress", settings.bindAddress(),
                "context", Map.of("qpid.port.connection_property_enrichers", "[\"STANDARD\", \"SUPPLIED-MAP\"]"),
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
