package org.daqhub.console;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.springframework.http.MediaType;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The console's live updates: every open page holds one Server-Sent Events stream and receives a
 * {@code snapshot} event each {@code daqhub.console.period}. One tick builds the snapshot once (twice
 * with auth on: with and without the sections for users) and writes the same bytes to every page;
 * a page whose previous event is still being written skips a tick rather than queueing, so a slow
 * browser costs neither memory nor the other pages' updates.
 */
public class ConsoleStream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleStream.class);

    private final ConsoleSnapshot snapshots;
    private final ObjectMapper json;
    private final int maxPages;
    private final Set<Page> pages = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker;
    private final ExecutorService senders;
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    public ConsoleStream(ConsoleSnapshot snapshots, ObjectMapper json, ConsoleProperties properties) {
        this.snapshots = snapshots;
        this.json = json;
        this.maxPages = properties.maxPages();
        this.ticker = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("console-tick-"));
        this.senders = Executors.newCachedThreadPool(new CustomizableThreadFactory("console-send-"));
        long period = properties.period().toMillis();
        ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    /** A new page's stream (its first event is sent at once); null when {@code maxPages} are open. */
    public SseEmitter open(boolean withUserSections) throws IOException {
        if (pages.size() >= maxPages) {
            return null;
        }
        // no timeout: the page stays until the browser goes; a failed write removes it
        Page page = new Page(new SseEmitter(0L), withUserSections);
        page.emitter.onCompletion(() -> pages.remove(page));
        page.emitter.onError(e -> pages.remove(page));
        page.emitter.onTimeout(() -> pages.remove(page));
        pages.add(page);
        page.emitter.send(event(json.writeValueAsBytes(snapshots.take(withUserSections))));
        return page.emitter;
    }

    private void tick() {
        if (pages.isEmpty()) {
            return;
        }
        try {
            ticks.incrementAndGet();
            byte[] open = null;
            byte[] full = null;
            for (Page page : pages) {
                if (page.withUserSections && full == null) {
                    full = json.writeValueAsBytes(snapshots.take(true));
                } else if (!page.withUserSections && open == null) {
                    open = json.writeValueAsBytes(snapshots.take(false));
                }
                page.offer(page.withUserSections ? full : open);
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("Console snapshot failed: {}", e.toString());
        }
    }

    private static SseEmitter.SseEventBuilder event(byte[] body) {
        // the JSON's bytes as they are (byte-array converter): one line, encoded once for every page
        return SseEmitter.event().name("snapshot").data(body, MediaType.APPLICATION_JSON);
    }

    /** Open pages, ticks sent and page-ticks skipped because the page was still busy (for /hub/console). */
    public Map<String, Long> statistics() {
        return Map.of("pages", (long) pages.size(), "ticks", ticks.get(), "skipped_busy", skipped.get());
    }

    /**
     * Ends every page's stream (the browser reconnects to another replica, or when the hub is
     * back): called as the hub begins to stop, since the web server's graceful shutdown waits for
     * open requests and a stream never ends by itself.
     */
    public void closePages() {
        ticker.shutdownNow();
        pages.forEach(p -> p.emitter.complete());
        pages.clear();
    }

    @Override
    public void close() {
        closePages();
        senders.shutdownNow();
    }

    private final class Page {
        final SseEmitter emitter;
        final boolean withUserSections;
        final AtomicBoolean busy = new AtomicBoolean();

        Page(SseEmitter emitter, boolean withUserSections) {
            this.emitter = emitter;
            this.withUserSections = withUserSections;
        }

        void offer(byte[] body) {
            if (!busy.compareAndSet(false, true)) {
                skipped.incrementAndGet();
                return;
            }
            senders.execute(() -> {
                try {
                    emitter.send(event(body));
                } catch (IOException | RuntimeException gone) {
                    pages.remove(this);
                    emitter.completeWithError(gone);
                } finally {
                    busy.set(false);
                }
            });
        }
    }
}
