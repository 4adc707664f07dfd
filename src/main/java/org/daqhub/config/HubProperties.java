package org.daqhub.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings shared by every capability of the hub. Each one is listed in docs/configuration.md's
 * table; capability-specific settings live in their own property classes.
 *
 * @param dataDir        root of everything the hub stores on disk (database, broker work dir, files)
 * @param routesDir      directory of the Camel YAML routes operators edit
 * @param routesPoll     how often the routes directory is checked for changes
 * @param maxRequestBody request bodies larger than this are refused with 413
 * @param broker         the embedded AMQP 0-9-1 broker of the default profile
 * @param http           how REST routes are served
 */
@ConfigurationProperties("daqhub")
public record HubProperties(Path dataDir, Path routesDir, Duration routesPoll, DataSize maxRequestBody,
        Broker broker, Http http) {

    public HubProperties {
        dataDir = dataDir == null ? Path.of(DataDirectory.DEFAULT) : dataDir;
        routesDir = routesDir == null ? Path.of("routes") : routesDir;
        routesPoll = routesPoll == null ? Duration.ofSeconds(1) : routesPoll;
        maxRequestBody = maxRequestBody == null ? DataSize.ofMegabytes(16) : maxRequestBody;
        broker = broker == null ? new Broker(null, null, null, null, null) : broker;
        http = http == null ? new Http(null, null, null, null) : http;
    }

    /**
     * @param embedded whether to start Qpid Broker-J in process (off in the services profile)
     * @param port        AMQP port of the embedded broker
     * @param bindAddress the address it listens on (127.0.0.1: this machine only; 0.0.0.0: every
     *                    interface, and then never with guest/guest)
     */
    public record Broker(Boolean embedded, Integer port, String user, String password, String bindAddress) {

        public Broker {
            embedded = embedded == null || embedded;
            port = port == null ? 5673 : port;
            user = user == null ? "guest" : user;
            password = password == null ? "guest" : password;
            bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress;
        }
    }

    /**
     * @param synchronousRoutes   ids of REST routes (wildcards allowed) answered on the HTTP request
     *                            thread, skipping Spring MVC and platform-http's executor: only for
     *                            routes that answer at once or after a short local disk write
     * @param bodyTimeout         a request body must arrive whole within this time of its request (408)
     * @param slowBodiesPerClient request bodies one client address may have arriving at once after
     *                            their headers (429 beyond)
     * @param slowBodies          such bodies of all clients at once (503 beyond)
     */
    public record Http(List<String> synchronousRoutes, Duration bodyTimeout, Integer slowBodiesPerClient,
            Integer slowBodies) {

        public Http {
            synchronousRoutes = synchronousRoutes == null ? List.of("registry-*", "datastore-streamdata")
                    : List.copyOf(synchronousRoutes);
            bodyTimeout = bodyTimeout == null ? Duration.ofSeconds(60) : bodyTimeout;
            slowBodiesPerClient = slowBodiesPerClient == null ? 32 : slowBodiesPerClient;
            slowBodies = slowBodies == null ? 1024 : slowBodies;
        }
    }
}
