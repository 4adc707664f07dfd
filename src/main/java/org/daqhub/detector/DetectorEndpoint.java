package org.daqhub.detector;

import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * See {@link DetectorComponent}. Consumer only; several routes may consume the same detector (each
 * capability's route its own: detector.yaml announces images, writer.yaml writes them).
 */
public class DetectorEndpoint extends DefaultEndpoint implements MultipleConsumersSupport {

    private final String detector;
    private final DetectorRegistry registry;

    DetectorEndpoint(String uri, DetectorComponent component, String detector, DetectorRegistry registry) {
        super(uri, component);
        this.detector = detector;
        this.registry = registry;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("detector: endpoints only consume (from: detector:<name>)");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        DetectorConsumer consumer = new DetectorConsumer(this, processor, detector, registry);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }
}
