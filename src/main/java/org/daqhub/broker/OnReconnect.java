package org.daqhub.broker;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Runs an action each time the connection to the broker is made again after it was lost (not on
 * the first connection), on its own thread rather than the connection's: what a broker restart
 * dropped (non-durable queues, their bindings and messages) is put back by the action.
 */
public final class OnReconnect implements ConnectionListener {

    private final Runnable action;
    private final AtomicBoolean connectedBefore = new AtomicBoolean();
    private final ExecutorService executor;

    public OnReconnect(String name, Runnable action) {
        this.action = action;
        CustomizableThreadFactory thread = new CustomizableThreadFactory(name + "-");
        thread.setDaemon(true);
        this.executor = Executors.newSingleThreadExecutor(thread);
    }

    @Override
    public void onCreate(Connection connection) {
        if (connectedBefore.getAndSet(true)) {
            executor.submit(action);
        }
    }
}
