package org.daqhub.processors.filewriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.daqhub.processors.receive.ImageMetadata;

/**
 * One write request on its way: the images handed to it, what was written, and how it ended.
 * Read from any thread (status pages, kill, the REST proxy); written by its writer thread.
 */
public final class WriteJob {

    private final WriteRequest request;
    private final long createdMillis = System.currentTimeMillis();
    /** Images handed over by the detector route; stops at the number requested, which bounds the queue. */
    private final AtomicLong claimed = new AtomicLong();
    private final BlockingQueue<ImageMetadata> images = new LinkedBlockingQueue<>();
    private final List<Path> filesWritten = new CopyOnWriteArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile WriteState state = WriteState.QUEUED;
    private volatile boolean killRequested;
    private volatile long written;
    private volatile long lost;
    private volatile long missing;
    private volatile long storedBytes;
    private volatile long startedNanos;
    private volatile long endedNanos;
    private volatile long startedMillis;
    private volatile long endedMillis;
    private volatile Path currentFile;
    private volatile String message;

    public WriteJob(WriteRequest request) {
        this.request = request;
    }

    /**
     * A request a previous run of the hub stopped in the middle of (its journal entry survived):
     * failed with {@code why}, with the files it had completed.
     */
    public static WriteJob interrupted(WriteRequest request, List<Path> complete, String why) {
        WriteJob job = new WriteJob(request);
        complete.forEach(job::fileClosed);
        job.end(WriteState.FAILED, why);
        return job;
    }

    /** Ends a request that was never started (the agent could not take it on). */
    public void failBeforeStart(String why) {
        if (state == WriteState.QUEUED) {
            end(WriteState.FAILED, why);
        }
    }

    public WriteRequest request() {
        return request;
    }

    public String requestId() {
        return request.requestId();
    }

    public WriteState state() {
        return state;
    }

    public String message() {
        return message;
    }

    public long written() {
        return written;
    }

    public long lost() {
        return lost;
    }

    public List<Path> files() {
        return List.copyOf(filesWritten);
    }

    /** Asks the job to stop: a running job closes its file and ends; a queued one ends when it comes up. */
    public void kill() {
        killRequested = true;
    }

    public boolean killRequested() {
        return killRequested;
    }

    /** Waits until the job ends; true if it did within the time. */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    // Writer side

    /** Called for every assembled image while the job runs (detector route thread). */
    /** Images assembled for this job and not written yet: how far the writer is behind the detector. */
    public int imagesWaiting() {
        return images.size();
    }

    void offer(ImageMetadata image) {
        if (state == WriteState.RUNNING && claimed.getAndIncrement() < request.images()) {
            images.add(image);
        }
    }

    ImageMetadata nextImage(long timeoutMillis) throws InterruptedException {
        return images.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    void started() {
        startedMillis = System.currentTimeMillis();
        startedNanos = System.nanoTime();
        state = WriteState.RUNNING;
    }

    void imageWritten(long chunkBytes) {
        written++;
        storedBytes += chunkBytes;
    }

    void imageLost() {
        lost++;
    }

    void imageMissing() {
        missing++;
    }

    /** Images the detector never completed (a gap in its frame numbers), written as placeholders. */
    public long missing() {
        return missing;
    }

    void writing(Path file) {
        currentFile = file;
    }

    void fileClosed(Path file) {
        filesWritten.add(file);
        currentFile = null;
    }

    void end(WriteState outcome, String why) {
        message = why;
        endedNanos = System.nanoTime();
        endedMillis = System.currentTimeMillis();
        currentFile = null;
        state = outcome;
        finished.countDown();
    }

    /** Images written, or recorded as lost or missing, so far. */
    long done() {
        return written + lost + missing;
    }

    /** Status and progress, for {@code GET /write/{request_id}}; keys in this order. */
    public WriteProgress status() {
        double seconds = elapsedSeconds();
        List<String> files = new ArrayList<>();
        filesWritten.forEach(f -> files.add(f.toString()));
        Path current = currentFile;
        return new WriteProgress(request.requestId(), request.detector(), state.label(), request.outputFile(),
                request.images(), written, lost, missing, seconds > 0 ? round(written / seconds) : 0.0,
                seconds > 0 ? round(storedBytes / seconds / 1e6) : 0.0, request.compression().label(), files,
                current == null ? null : current.toString(), epochSeconds(createdMillis),
                startedMillis == 0 ? null : epochSeconds(startedMillis), endedMillis == 0 ? null : epochSeconds(endedMillis),
                message);
    }

    /** Epoch seconds as a plain decimal (1627898398.259), as std_daq's Python wrote its timestamps. */
    private static java.math.BigDecimal epochSeconds(long millis) {
        return java.math.BigDecimal.valueOf(millis, 3);
    }

    private double elapsedSeconds() {
        if (startedNanos == 0) {
            return 0;
        }
        long end = endedNanos != 0 ? endedNanos : System.nanoTime();
        return (end - startedNanos) / 1e9;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
