package org.daqhub.writer;

import java.nio.file.Path;

import org.daqhub.support.ServicesTestSupport;

/** std_daq's writer protocol against the machine's RabbitMQ (services profile). */
class WriterServicesIT extends ServicesTestSupport implements WriterProtocolContract {

    @Override
    public int amqpPort() {
        return 5672;
    }

    @Override
    public String tag() {
        return WRITER_TAG;
    }

    @Override
    public Path dataDir() {
        return DATA_DIR;
    }

    @Override
    public Path detectorsDir() {
        return DETECTORS_DIR;
    }
}
