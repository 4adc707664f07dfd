package org.daqhub.requests;

import java.nio.file.Path;
import java.time.Duration;

import org.daqhub.config.DataDirectory;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Request orchestration ({@code daqhub.requests.*}).
 *
 * @param basePath             ServiceX's API: {basePath}/transformation..., {basePath}/internal/transformation/...
 * @param dataRoot             {@code local://} DIDs and {@code file-list} paths must resolve inside it;
 *                             default {@code <daqhub.data-dir>}
 * @param resultsDir           {@code volume} results go to {@code <resultsDir>/<request id>/};
 *                             default {@code <daqhub.data-dir>/results}
 * @param maxFiles             requests resolving to more files are refused (400)
 * @param fileTimeout          a file with no word from its worker for this long is queued again
 * @param maxAttempts          ... at most this many times in all; then it is recorded as failed
 * @param checkInterval        how often files past fileTimeout are looked for
 * @param embeddedTransformers run the reference transformer inside the hub for every request
 *                             (ServiceX launches transformer pods); off when workers run elsewhere
 * @param maxWorkers           embedded transformers per request at most (a request asks with {@code workers})
 */
@ConfigurationProperties("daqhub.requests")
public record RequestProperties(String basePath, Path dataRoot, Path resultsDir, Integer maxFiles,
        Duration fileTimeout, Integer maxAttempts, Duration checkInterval, Boolean embeddedTransformers,
        Integer maxWorkers) {

    public RequestProperties {
        basePath = basePath == null ? "/servicex" : basePath;
        maxFiles = maxFiles == null ? 100_000 : maxFiles;
        fileTimeout = fileTimeout == null ? Duration.ofMinutes(10) : fileTimeout;
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        checkInterval = checkInterval == null ? Duration.ofSeconds(30) : checkInterval;
        embeddedTransformers = embeddedTransformers == null || embeddedTransformers;
        maxWorkers = maxWorkers == null ? 4 : maxWorkers;
    }

    /**
     * These settings with the directories resolved: {@code data-root}, or the data directory itself;
     * {@code results-dir}, or {@code results} under the data directory.
     */
    public RequestProperties under(DataDirectory data) {
        return new RequestProperties(basePath, dataRoot != null ? dataRoot : data.root(), data.or(resultsDir, "results"),
                maxFiles, fileTimeout, maxAttempts, checkInterval, embeddedTransformers, maxWorkers);
    }
}
