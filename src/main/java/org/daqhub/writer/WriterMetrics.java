package org.daqhub.writer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.daqhub.capabilities.Capability;
import org.daqhub.capabilities.ConditionalOnCapability;
import org.daqhub.metrics.CounterMetrics;
import org.daqhub.processors.filewriter.WriteJob;
import org.springframework.stereotype.Component;

/**
 * The writers' counters in /actuator/prometheus, per detector: {@code daqhub_writer_requests_*},
 * {@code daqhub_writer_images_written_total}, {@code ..._images_lost_total}, {@code ..._bytes_written_total},
 * {@code ..._files_written_total}, and {@code daqhub_writer_active} (1 while a request runs).
 */
@Component
@ConditionalOnCapability(Capability.WRITER)
public class WriterMetrics implements MeterBinder {

    private final WriterAgent writer;

    public WriterMetrics(WriterAgent writer) {
        this.writer = writer;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        writer.writers().forEach((detector, w) -> {
            Tags tags = Tags.of("detector", detector);
            CounterMetrics.register(registry, "daqhub.writer", w.statistics().byName(), tags);
            Gauge.builder("daqhub.writer.active", w, x -> x.active() == null ? 0 : 1).tags(tags).register(registry);
            Gauge.builder("daqhub.writer.images.waiting", w, x -> {
                WriteJob job = x.active();
                return job == null ? 0 : job.imagesWaiting();
            }).tags(tags).register(registry);
        });
    }
}
