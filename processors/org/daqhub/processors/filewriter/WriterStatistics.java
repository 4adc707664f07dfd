package org.daqhub.processors.filewriter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What a detector's writer has done since start, for /write/stats and Prometheus. */
public final class WriterStatistics {

    public final AtomicLong requestsSucceeded = new AtomicLong();
    public final AtomicLong requestsKilled = new AtomicLong();
    public final AtomicLong requestsFailed = new AtomicLong();
    public final AtomicLong imagesWritten = new AtomicLong();
    public final AtomicLong imagesLost = new AtomicLong();
    public final AtomicLong imagesMissing = new AtomicLong();
    public final AtomicLong bytesWritten = new AtomicLong();
    public final AtomicLong filesWritten = new AtomicLong();

    /** The counters by name (also the Prometheus names: daqhub_writer_<name>_total). */
    public Map<String, AtomicLong> byName() {
        Map<String, AtomicLong> m = new LinkedHashMap<>();
        m.put("requests_succeeded", requestsSucceeded);
        m.put("requests_killed", requestsKilled);
        m.put("requests_failed", requestsFailed);
        m.put("images_written", imagesWritten);
        m.put("images_lost", imagesLost);
        m.put("images_missing", imagesMissing);
        m.put("bytes_written", bytesWritten);
        m.put("files_written", filesWritten);
        return m;
    }

    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        byName().forEach((name, counter) -> m.put(name, counter.get()));
        return m;
    }
}
