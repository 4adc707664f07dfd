package org.daqhub.detector;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the data path finds its detectors and puts their buffers.
 *
 * @param enabled        start the detector data path at all
 * @param definitionsDir directory of std_daq detector definition files ({@code *.json}; subfolders ignored)
 * @param bindAddress    address the module UDP sockets bind to
 * @param bufferDir      directory of the memory-mapped image buffers (unless a definition names its own)
 * @param keepBuffers    leave the buffer files in place when the hub stops (for readers that outlive it);
 *                       by default a clean stop removes them
 * @param statisticsEvents how often each detector's statistics go out as a hub event
 * @param basePath       paths of the detector API start with this ("": the root)
 */
@ConfigurationProperties("daqhub.detector")
public record DetectorProperties(Boolean enabled, Path definitionsDir, String bindAddress, Path bufferDir,
        Boolean keepBuffers, Duration statisticsEvents, String basePath) {

    public DetectorProperties {
        enabled = enabled == null || enabled;
        definitionsDir = definitionsDir == null ? Path.of("config/detectors") : definitionsDir;
        bindAddress = bindAddress == null ? "0.0.0.0" : bindAddress;
        bufferDir = bufferDir == null ? Path.of("/dev/shm") : bufferDir;
        keepBuffers = keepBuffers != null && keepBuffers;
        statisticsEvents = statisticsEvents == null ? Duration.ofSeconds(10) : statisticsEvents;
        basePath = basePath == null ? "" : basePath;
    }
}
