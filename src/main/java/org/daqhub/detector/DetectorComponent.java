package org.daqhub.detector;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code detector:<name>} (or {@code detector:*} for every detector): a consumer that emits one
 * exchange per assembled image, with the {@link org.daqhub.processors.receive.ImageMetadata} as
 * body, after the pixels are in the image buffer. Packets never become exchanges; reception goes
 * on while routes are reloaded (images assembled while no route consumes are counted as
 * {@code images_not_delivered}).
 */
public class DetectorComponent extends DefaultComponent {

    private final DetectorRegistry registry;

    public DetectorComponent(DetectorRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        if (!remaining.equals("*")) {
            registry.get(remaining); // fails the route now, naming the configured detectors
        }
        return new DetectorEndpoint(uri, this, remaining, registry);
    }
}
