package org.daqhub.datastore;

import java.io.IOException;
import java.util.List;

import org.daqhub.processors.statistics.Counters;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /datastore/}: state, documents, size against MAX_SIZE as a bar, counters since start,
 * recent log, archives.
 */
public class DatastorePage {

    private final Datastore datastore;

    public DatastorePage(Datastore datastore) {
        this.datastore = datastore;
    }

    public String page() throws IOException {
        DatastoreAnswers.Batch batch = datastore.stats();
        long size = batch.bytes();
        long max = datastore.maxSize();
        int percent = (int) Math.min(100, max == 0 ? 100 : size * 100 / max);
        DatastoreState state = datastore.state();
        StringBuilder b = new StringBuilder();
        // the console's look (its stylesheet) and a way back to it
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Datastore</title>")
                .append("<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/hub/console.css\"><style>")
                .append(".page{margin:12px}.page .bar{width:40em;max-width:100%;height:1.2em}")
                .append(".page .fill{height:100%;background:var(--accent)}")
                .append("</style></head><body><header><h1><a href=\"/hub/\">DAQ Hub</a> <span class=\"muted\">datastore")
                .append("</span></h1><nav><a href=\"/hub/\">console</a></nav></header><div class=\"page card\">")
                .append("<h1>Datastore</h1>");
        b.append("<p>State: <b>").append(state.status()).append("</b>");
        if (state.frozen()) {
            b.append(" since ").append(esc(state.frozenAt())).append(" by ").append(esc(state.user()));
        }
        b.append("</p><p>").append(batch.documents()).append(" documents, ").append(size).append(" of ").append(max)
                .append(" bytes (").append(percent).append("%)</p><div class=\"bar\"><div class=\"fill\" style=\"width:")
                .append(percent).append("%\"></div></div>");
        appendSinceStart(b, datastore.statistics());
        b.append("<h2>Recent log</h2><table><tr><th>time</th><th>level</th><th>name</th><th>size</th><th>message</th></tr>");
        List<DatastoreAnswers.LogEntry> entries = datastore.log();
        for (DatastoreAnswers.LogEntry e : entries.subList(Math.max(0, entries.size() - 20), entries.size())) {
            b.append("<tr><td>").append(esc(e.time())).append("</td><td>").append(esc(e.level()))
                    .append("</td><td>").append(esc(e.name())).append("</td><td>").append(e.size())
                    .append("</td><td>").append(esc(e.message())).append("</td></tr>");
        }
        b.append("</table><h2>Archived batches</h2><table><tr><th>name</th><th>documents</th><th>bytes</th></tr>");
        for (DatastoreAnswers.ArchiveSummary a : datastore.archives().archives()) {
            b.append("<tr><td>").append(esc(a.name())).append("</td><td>").append(a.documents())
                    .append("</td><td>").append(a.bytes()).append("</td></tr>");
        }
        return b.append("</table></div></body></html>").toString();
    }

    /** What the counters of /actuator/prometheus say, for a reader without Prometheus. */
    private static void appendSinceStart(StringBuilder b, Counters<DatastoreCounter> s) {
        long stored = s.get(DatastoreCounter.DOCUMENTS_STORED);
        b.append("<h2>Since start</h2><table>")
                .append(row("documents stored", stored + " (" + s.get(DatastoreCounter.BYTES_STORED) + " bytes)"))
                .append(row("refused while frozen", s.get(DatastoreCounter.DOCUMENTS_REFUSED_FROZEN)))
                .append(row("invalid (422, 413)", s.get(DatastoreCounter.DOCUMENTS_INVALID)))
                .append(row("write errors (503, 507)", s.get(DatastoreCounter.WRITE_ERRORS)));
        if (stored > 0) {
            b.append(row("mean time in the document's write and fsync", millis(s.get(DatastoreCounter.FILE_SYNC_NANOS) / stored)))
                    .append(row("mean wait for the directory fsync", millis(s.get(DatastoreCounter.DIRECTORY_SYNC_WAIT_NANOS) / stored)))
                    .append(row("directory fsyncs", s.get(DatastoreCounter.DIRECTORY_SYNCS)));
        }
        b.append("</table>");
    }

    private static String row(String name, Object value) {
        return "<tr><th>" + name + "</th><td>" + value + "</td></tr>";
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static String esc(Object o) {
        return o == null ? "" : HtmlUtils.htmlEscape(o.toString());
    }
}
