package org.daqhub.writer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.daqhub.config.DataDirectory;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The std_daq writer agent and REST proxy ({@code daqhub.writer.*}).
 *
 * @param tag                 routing key of requests, kills and statuses (std_daq's proxy {@code tag};
 *                            the original writer bound to its service name, so the two were equal)
 * @param serviceName         the {@code source} header of the statuses this hub's writer publishes
 * @param detector            detector written when a request names none (default: the only one)
 * @param outputRoots         directories files may be written into; anything else is refused (default:
 *                            {@code output} under the data directory)
 * @param imagesPerFile       longer requests are split into files of this many images
 * @param compression         none, lz4, bitshuffle-lz4 or deflate, unless the request says
 * @param syncTimeout         how long {@code /write_sync} and {@code /write_kill} wait for the end
 * @param statusExchangeType  fanout (std_daq from 2022) or topic (the 2021 seed)
 * @param maxImages           largest n_images accepted
 * @param requestsKept        finished requests remembered for {@code GET /write/{id}}
 * @param compressionThreads  threads that compress images (shared by the detectors); 0: the cores
 *                            left after the module receivers (at least 1: the writing thread itself)
 * @param basePath            paths of the writer API (std_daq's REST proxy) start with this ("": the root)
 */
@ConfigurationProperties("daqhub.writer")
public record WriterProperties(String tag, String serviceName, String detector,
        List<Path> outputRoots, Integer imagesPerFile, String compression, Duration syncTimeout,
        String statusExchangeType, Long maxImages, Integer requestsKept, Integer compressionThreads,
        String basePath) {

    public WriterProperties {
        tag = tag == null || tag.isBlank() ? "daqhub" : tag;
        serviceName = serviceName == null || serviceName.isBlank() ? "writer_agent" : serviceName;
        detector = detector == null || detector.isBlank() ? null : detector;
        outputRoots = outputRoots == null ? List.of() : List.copyOf(outputRoots);
        imagesPerFile = imagesPerFile == null ? 1000 : imagesPerFile;
        compression = compression == null ? "none" : compression;
        syncTimeout = syncTimeout == null ? Duration.ofSeconds(10) : syncTimeout;
        statusExchangeType = statusExchangeType == null ? "fanout" : statusExchangeType;
        maxImages = maxImages == null ? 100_000_000L : maxImages;
        requestsKept = requestsKept == null ? 1000 : requestsKept;
        compressionThreads = compressionThreads == null ? 0 : compressionThreads;
        basePath = basePath == null ? "" : basePath;
        if (compressionThreads < 0) {
            throw new IllegalArgumentException("daqhub.writer.compression-threads must be 0 (automatic) or more, not "
                    + compressionThreads);
        }
        if (!statusExchangeType.equals("fanout") && !statusExchangeType.equals("topic")) {
            throw new IllegalArgumentException("daqhub.writer.status-exchange-type must be fanout or topic, not "
                    + statusExchangeType);
        }
        if (imagesPerFile < 1) {
            throw new IllegalArgumentException("daqhub.writer.images-per-file must be at least 1");
        }
    }

    /** These settings with the output roots resolved: as configured, or {@code output} under the data directory. */
    public WriterProperties under(DataDirectory data) {
        List<Path> roots = outputRoots.isEmpty() ? List.of(data.resolve("output")) : outputRoots;
        return new WriterProperties(tag, serviceName, detector, roots, imagesPerFile, compression, syncTimeout,
                statusExchangeType, maxImages, requestsKept, compressionThreads, basePath);
    }
}
