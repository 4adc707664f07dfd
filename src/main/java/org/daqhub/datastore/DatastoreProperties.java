package org.daqhub.datastore;

import java.nio.file.Path;

import org.daqhub.config.DataDirectory;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The datastore ({@code daqhub.datastore.*}).
 *
 * @param basePath         where the GlitchflowAPI is served
 * @param dir              documents ({@code current/}), archives ({@code archives/}), state and log;
 *                         default {@code <daqhub.data-dir>/datastore}
 * @param maxSize          bytes of stored documents from which {@code /train} freezes (the original's
 *                         MAX_SIZE; its 2,000 bytes was a test value)
 * @param maxDocumentBytes larger {@code /streamdata} bodies are refused with 413
 * @param groupCommit      share the directory fsync (which makes a document's rename durable) among
 *                         the requests that arrive while the previous one runs, instead of one each
 *                         (default on; bench/RESULTS.md)
 */
@ConfigurationProperties("daqhub.datastore")
public record DatastoreProperties(String basePath, Path dir, Long maxSize, Integer maxDocumentBytes,
        Boolean groupCommit) {

    public DatastoreProperties {
        basePath = basePath == null ? "/datastore" : basePath;
        maxSize = maxSize == null ? 64L * 1024 * 1024 : maxSize;
        maxDocumentBytes = maxDocumentBytes == null ? 8 * 1024 * 1024 : maxDocumentBytes;
        groupCommit = groupCommit == null || groupCommit;
    }

    /** These settings with the directory resolved: {@code dir}, or {@code datastore} under the data directory. */
    public DatastoreProperties under(DataDirectory data) {
        return new DatastoreProperties(basePath, data.or(dir, "datastore"), maxSize, maxDocumentBytes, groupCommit);
    }
}
