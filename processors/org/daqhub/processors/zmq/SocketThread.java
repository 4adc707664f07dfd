package org.daqhub.processors.zmq;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * One ZeroMQ socket and the one thread that creates, binds, uses and closes it. ZeroMQ sockets are
 * not thread-safe, and handing one between threads (the Spring thread that created it, then a
 * detector's assembler thread) left new connections silently unserved now and then; here every
 * call on the socket happens on its own thread, and callers only enqueue work. The queue is
 * bounded: when it is full the work is refused (the caller counts it) rather than blocking image
 * assembly.
 */
final class SocketThread implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketThread.class);

    private final BlockingQueue<Consumer<ZMQ.Socket>> work;
    private final Thread thread;
    private final CompletableFuture<String> endpoint = new CompletableFuture<>();
    private volatile boolean running = true;

    SocketThread(String name, ZContext context, Function<ZContext, ZMQ.Socket> open, String bindEndpoint,
            int queueSize) {
        this.work = new ArrayBlockingQueue<>(queueSize);
        this.thread = new Thread(() -> run(context, open, bindEndpoint), name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The endpoint actually bound; waits for the bind, and fails if it failed. */
    String endpoint() {
        try {
            return endpoint.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot bind " + e.getCause().getMessage(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("socket thread did not start", e);
        }
    }

    /** Queues work for the socket; false if the queue is full. */
    boolean submit(Consumer<ZMQ.Socket> task) {
        return work.offer(task);
    }

    private void run(ZContext context, Function<ZContext, ZMQ.Socket> open, String bindEndpoint) {
        ZMQ.Socket socket;
        try {
            socket = open.apply(context);
            socket.bind(bindEndpoint);
            endpoint.complete(socket.getLastEndpoint());
        } catch (RuntimeException e) {
            endpoint.completeExceptionally(new IllegalStateException(bindEndpoint + ": " + e.getMessage(), e));
            return;
        }
        try {
            while (running) {
                Consumer<ZMQ.Socket> task = work.poll(100, TimeUnit.MILLISECONDS);
                if (task != null) {
                    task.accept(socket);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("{}: ZeroMQ socket thread failed", thread.getName(), e);
        } finally {
            socket.close();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
