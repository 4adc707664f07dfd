package org.daqhub.detector;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.daqhub.capabilities.Capability;
import org.daqhub.capabilities.ConditionalOnCapability;
import org.daqhub.console.ConsoleSection;
import org.daqhub.detector.control.DetectorControls;
import org.daqhub.metrics.CounterMetrics;
import org.daqhub.processors.datapath.DetectorRuntime;
import org.daqhub.processors.receive.ImageStatistics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zeromq.ZContext;

/** Wires the data path: the ZeroMQ context, the detectors, and the {@code detector:} Camel component. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnCapability(Capability.DETECTOR)
public class DetectorConfiguration {

    @Bean(destroyMethod = "close")
    ZContext zmqContext() {
        return new ZContext(2);
    }

    /** Closed before the ZeroMQ context (it depends on it), so sockets close first. */
    @Bean(name = "detectors", destroyMethod = "close")
    DetectorRegistry detectors(DetectorProperties properties, ZContext zmq) {
        return new DetectorRegistry(properties, zmq);
    }

    @Bean(name = "detectorControl")
    DetectorControls detectorControl(DetectorRegistry detectors, ObjectMapper json) {
        return new DetectorControls(detectors, json);
    }

    @Bean(name = "detectorPreviews")
    DetectorPreviews detectorPreviews(DetectorRegistry detectors, ObjectMapper json) {
        return new DetectorPreviews(detectors, json);
    }

    @Bean
    ConsoleSection detectorConsole(DetectorRegistry detectors) {
        return ConsoleSection.of("detectors", false, detectors::console);
    }

    /**
     * The data path's counters: per module {@code daqhub_detector_packets_*} and
     * {@code daqhub_detector_frames_*}; per detector {@code daqhub_detector_images_*}, the last image
     * id, the buffer's slots and fill, and how far the image stream is behind.
     */
    @Bean
    MeterBinder detectorMetrics(DetectorRegistry detectors) {
        return registry -> detectors.all().forEach((name, runtime) -> {
            for (int m = 0; m < runtime.moduleStatistics().size(); m++) {
                CounterMetrics.register(registry, "daqhub.detector", runtime.moduleStatistics().get(m),
                        Tags.of("detector", name, "module", Integer.toString(m)));
            }
            ImageStatistics images = runtime.imageStatistics();
            Tags tags = Tags.of("detector", name);
            FunctionCounter.builder("daqhub.detector.images.good", images, ImageStatistics::imagesGood).tags(tags)
                    .register(registry);
            FunctionCounter.builder("daqhub.detector.images.incomplete", images, ImageStatistics::imagesIncomplete)
                    .tags(tags).register(registry);
            FunctionCounter.builder("daqhub.detector.images.not.delivered", images,
                    ImageStatistics::imagesNotDelivered).tags(tags).register(registry);
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

    @Bean(name = "detector")
    DetectorComponent detectorComponent(DetectorRegistry detectors) {
        return new DetectorComponent(detectors);
    }
}
