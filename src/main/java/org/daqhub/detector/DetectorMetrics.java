package org.daqhub.detector;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.daqhub.capabilities.Capability;
import org.daqhub.capabilities.ConditionalOnCapability;
import org.daqhub.processors.datapath.DetectorRuntime;
import org.daqhub.processors.receive.ImageStatistics;
import org.daqhub.processors.receive.ModuleStatistics;
import org.daqhub.processors.receive.SingleWriterCounter;
import org.springframework.stereotype.Component;

/**
 * The data path's counters in /actuator/prometheus: per module {@code daqhub_detector_packets_*}
 * and {@code daqhub_detector_frames_*}, per detector {@code daqhub_detector_images_*}.
 */
@Component
@ConditionalOnCapability(Capability.DETECTOR)
public class DetectorMetrics implements MeterBinder {

    private final DetectorRegistry detectors;

    public DetectorMetrics(DetectorRegistry detectors) {
        this.detectors = detectors;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        detectors.all().forEach((name, runtime) -> {
            for (int m = 0; m < runtime.moduleStatistics().size(); m++) {
                ModuleStatistics stats = runtime.moduleStatistics().get(m);
                Tags tags = Tags.of("detector", name, "module", Integer.toString(m));
                stats.counters().forEach((key, counter) -> counter(registry, "daqhub.detector." + key, counter,
                        SingleWriterCounter::get, tags));
            }
            ImageStatistics images = runtime.imageStatistics();
            Tags tags = Tags.of("detector", name);
            counter(registry, "daqhub.detector.images.good", images, ImageStatistics::imagesGood, tags);
            counter(registry, "daqhub.detector.images.incomplete", images, ImageStatistics::imagesIncomplete, tags);
            counter(registry, "daqhub.detector.images.not.delivered", images, ImageStatistics::imagesNotDelivered,
                    tags);
            Gauge.builder("daqhub.detector.last.image.id", images, ImageStatistics::lastImageId).tags(tags)
                    .register(registry);
            Gauge.builder("daqhub.detector.buffer.slots", runtime, r -> r.buffer().slots()).tags(tags)
                    .register(registry);
            Gauge.builder("daqhub.detector.buffer.filled", runtime, DetectorRuntime::bufferFilled).tags(tags)
                    .register(registry);
            if (runtime.streamBehind() >= 0) {
                Gauge.builder("daqhub.detector.stream.behind", runtime, DetectorRuntime::streamBehind).tags(tags)
                        .register(registry);
            }
        });
    }

    private static <T> void counter(MeterRegistry registry, String name, T source, ToDoubleFunction<T> value,
            Tags tags) {
        FunctionCounter.builder(name, source, value).tags(tags).register(registry);
    }
}
