package org.daqhub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The JVM's default SIGTERM handling runs the shutdown hooks and then exits with status 143, which
 * OpenShift and systemd report as a failure. We want an orderly stop to look like one: SIGTERM runs
 * the same shutdown hooks (Spring closes the context, Camel drains in-flight exchanges within
 * {@code camel.main.shutdown-timeout}) and the process exits 0.
 */
final class GracefulTermination {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulTermination.class);

    private GracefulTermination() {
    }

    static void install() {
        try {
            Signal.handle(new Signal("TERM"), signal -> {
                LOG.info("SIGTERM received: finishing in-flight work, then exiting");
                // System.exit blocks until the shutdown hooks finish; run it off the signal thread.
                new Thread(() -> System.exit(0), "sigterm-exit").start();
            });
        } catch (IllegalArgumentException unsupported) {
            LOG.warn("SIGTERM handler not installed ({}); the JVM default applies", unsupported.getMessage());
        }
    }
}
