package org.daqhub.processors.writer;

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
    public final AtomicLong bytesWritten = new AtomicLong();
    public final AtomicLong filesWritten = new AtomicLong();

    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("requests_succeeded", requestsSucceeded.get());
        m.put("requests_killed", requestsKilled.get());
        m.put("requests_failed", requestsFailed.get());
        m.put("images_written", imagesWritten.get());
        m.put("images_lost", imagesLost.get());
        m.put("bytes_written", bytesWritten.get());
        m.put("files_written", filesWritten.get());
        return m;
    }
}
