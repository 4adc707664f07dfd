package org.daqhub.detector;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.daqhub.processors.datapath.DetectorRuntime;
import org.daqhub.processors.receive.ImageMetadata;
import org.daqhub.processors.receive.ImageSink;

/**
 * Attaches itself as an image sink of its detector(s) while the route runs: each image becomes
 * one exchange, processed on the detector's assembler thread (so images leave in assembly order).
 * Several routes may consume the same detector (detector.yaml announces, writer.yaml writes).
 */
public class DetectorConsumer extends DefaultConsumer {

    public static final String DETECTOR_HEADER = "DaqHubDetector";
    public static final String IMAGE_ID_HEADER = "DaqHubImageId";

    private final String detector;
    private final DetectorRegistry registry;
    private final List<DetectorRuntime> attached = new ArrayList<>();
    /** This consumer's sink (one object, so removing it removes this consumer's only). */
    private final ImageSink sink = this::deliver;

    DetectorConsumer(DetectorEndpoint endpoint, Processor processor, String detector, DetectorRegistry registry) {
        super(endpoint, processor);
        this.detector = detector;
        this.registry = registry;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        List<DetectorRuntime> targets = detector.equals("*") ? List.copyOf(registry.all().values())
                : List.of(registry.get(detector));
        for (DetectorRuntime runtime : targets) {
            runtime.addSink(sink);
            attached.add(runtime);
        }
    }

    @Override
    protected void doStop() throws Exception {
        attached.forEach(runtime -> runtime.removeSink(sink));
        attached.clear();
        super.doStop();
    }

    private void deliver(ImageMetadata image) {
        Exchange exchange = createExchange(false);
        exchange.getIn().setBody(image);
        exchange.getIn().setHeader(DETECTOR_HEADER, image.detector());
        exchange.getIn().setHeader(IMAGE_ID_HEADER, image.imageId());
        try {
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Processing image " + image.imageId() + " failed", exchange,
                        exchange.getException());
            }
        } catch (Exception e) {
            getExceptionHandler().handleException("Processing image " + image.imageId() + " failed", exchange, e);
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
