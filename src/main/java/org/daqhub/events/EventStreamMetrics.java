package org.daqhub.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.daqhub.capabilities.Capability;
import org.daqhub.capabilities.ConditionalOnCapability;
import org.daqhub.metrics.CounterMetrics;
import org.springframework.stereotype.Component;

/**
 * The event streams in /actuator/prometheus: {@code daqhub_event_streams_<counter>_total}
 * (messages received, oversized, unrouted; frames delivered and dropped; sockets opened, refused,
 * closed as slow consumers) and {@code daqhub_event_streams_sockets_open}.
 */
@Component
@ConditionalOnCapability(Capability.EVENT_STREAMS)
public class EventStreamMetrics implements MeterBinder {

    private final EventStreamService streams;

    public EventStreamMetrics(EventStreamService streams) {
        this.streams = streams;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        CounterMetrics.register(registry, "daqhub.event.streams", streams.statistics().byName(), Tags.empty());
        Gauge.builder("daqhub.event.streams.sockets.open", streams, EventStreamService::openSockets).register(registry);
        Gauge.builder("daqhub.event.streams.frames.queued", streams, EventStreamService::queuedFrames).register(registry);
    }
}
