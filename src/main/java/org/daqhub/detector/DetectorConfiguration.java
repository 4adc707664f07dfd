package org.daqhub.detector;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.capabilities.Capability;
import org.daqhub.capabilities.ConditionalOnCapability;
import org.daqhub.console.ConsoleSection;
import org.daqhub.detector.control.DetectorControls;
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

    @Bean(name = "detector")
    DetectorComponent detectorComponent(DetectorRegistry detectors) {
        return new DetectorComponent(detectors);
    }
}
