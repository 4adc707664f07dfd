package org.daqhub.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Event streams ({@code daqhub.event-streams.*}).
 *
 * @param basePath          path of the internal API and of the WebSockets
 * @param publicLocation    start of the {@code location} answered on create, e.g. {@code wss://daq.example.org}
 *                          (behind an ingress); default: {@code ws://} and the request's Host header
 * @param logMessages       messages kept per routing key for replay
 * @param logAge            how long a message stays replayable
 * @param socketQueue       messages waiting for one socket before it counts as slow
 * @param slowConsumer      {@code close} (the slow socket is closed with a reason) or {@code drop-oldest}
 * @param sendTimeout       a socket whose one frame takes longer to go out is closed
 * @param maxMessageBytes   larger broker messages are not delivered (counted and logged)
 * @param syncInterval      how often the broker bindings and the streams of other replicas are checked
 * @param queueMaxMessages  messages the hub's broker queue holds for it at most; beyond that the broker
 *                          refuses new ones (a publisher with {@code mandatory} or confirms is told), so
 *                          a hub that falls behind cannot fill its memory (or the broker's) with a backlog
 * @param messagesPerAck    the delivery route acknowledges broker messages once handed to the streams, one
 *                          {@code basic.ack} for this many (a message not yet handed over when the route
 *                          stops goes back to the queue and comes again after a restart or reload)
 * @param ackTimeout        pending acknowledgements go with the first message after this long (the last of
 *                          a burst followed by silence with the listener container's check, every 5 s)
 * @param prefetch          messages the broker sends the hub ahead of its acknowledgements (the delivery
 *                          route's {@code prefetchCount}); with {@code queueMaxMessages} it bounds what a
 *                          message waits behind when publishers outrun the hub
 * @param persistLogs       keep each routing key's replay log on disk too ({@code <data-dir>/event-streams/logs}),
 *                          so ordinals and replay go on across a restart (false: in memory only)
 */
@ConfigurationProperties("daqhub.event-streams")
public record EventStreamProperties(String basePath, String publicLocation, Integer logMessages, Duration logAge,
        Integer socketQueue, String slowConsumer, Duration sendTimeout, Integer maxMessageBytes,
        Duration syncInterval, Integer queueMaxMessages, Integer messagesPerAck, Duration ackTimeout,
        Integer prefetch, Boolean persistLogs) {

    public EventStreamProperties {
        basePath = basePath == null ? "/event-stream" : basePath;
        publicLocation = publicLocation == null || publicLocation.isBlank() ? null : publicLocation;
        logMessages = logMessages == null ? 10_000 : logMessages;
        logAge = logAge == null ? Duration.ofHours(1) : logAge;
        socketQueue = socketQueue == null ? 10_000 : socketQueue;
        slowConsumer = slowConsumer == null ? "close" : slowConsumer;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
        maxMessageBytes = maxMessageBytes == null ? 16 * 1024 * 1024 : maxMessageBytes;
        syncInterval = syncInterval == null ? Duration.ofSeconds(2) : syncInterval;
        queueMaxMessages = queueMaxMessages == null ? 100_000 : queueMaxMessages;
        messagesPerAck = messagesPerAck == null ? 100 : messagesPerAck;
        ackTimeout = ackTimeout == null ? Duration.ofMillis(20) : ackTimeout;
        prefetch = prefetch == null ? 1000 : prefetch;
        persistLogs = persistLogs == null || persistLogs;
        if (messagesPerAck < 1) {
            throw new IllegalArgumentException("daqhub.event-streams.messages-per-ack must be at least 1, not "
                    + messagesPerAck);
        }
        if (prefetch < messagesPerAck) {
            // the broker would stop sending before a batch is full, and every batch would wait for
            // the container's periodic check (every 5 s) instead of the next message
            throw new IllegalArgumentException("daqhub.event-streams.prefetch (" + prefetch
                    + ") must be at least daqhub.event-streams.messages-per-ack (" + messagesPerAck + ")");
        }
        if (queueMaxMessages < 1) {
            throw new IllegalArgumentException("daqhub.event-streams.queue-max-messages must be at least 1, not "
                    + queueMaxMessages);
        }
        if (!slowConsumer.equals("close") && !slowConsumer.equals("drop-oldest")) {
            throw new IllegalArgumentException("daqhub.event-streams.slow-consumer must be close or drop-oldest, not "
                    + slowConsumer);
        }
    }
}
