package org.daqhub.writer;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * When the connection to the broker is made again after it was lost, the REST proxy re-sends the
 * requests that no agent had started (see {@link WriterProxy#resendUnstarted}). Not on the first
 * connection, and not on the connection thread.
 */
final class ResendAfterReconnect implements ConnectionListener {

    private final WriterProxy proxy;
    private final RabbitTemplate rabbit;
    private final AtomicBoolean connectedBefore = new AtomicBoolean();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "writer-resend");
        t.setDaemon(true);
        return t;
    });

    ResendAfterReconnect(WriterProxy proxy, RabbitTemplate rabbit) {
        this.proxy = proxy;
        this.rabbit = rabbit;
    }

    @Override
    public void onCreate(Connection connection) {
        if (connectedBefore.getAndSet(true)) {
            executor.submit(() -> proxy.resendUnstarted(rabbit));
        }
    }
}
