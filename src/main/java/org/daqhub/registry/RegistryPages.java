package org.daqhub.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.web.util.HtmlUtils;

/**
 * The HTML pages of the original service: {@code GET /} (dump of every partition, expired entries
 * struck through, then the statistics) and {@code GET /stats}.
 */
public class RegistryPages {

    private final RegistryService registry;

    public RegistryPages(RegistryService registry) {
        this.registry = registry;
    }

    /** GET / */
    public String dump() {
        StringBuilder html = new StringBuilder("<h1>Dump of configuration dictionary</h1>\n");
        long now = System.currentTimeMillis();
        long ttl = registry.entryTtlMillis();
        Map<String, List<Connection>> partitions = registry.dump();
        for (Map.Entry<String, List<Connection>> p : partitions.entrySet()) {
            html.append("<h2>Partition ").append(esc(p.getKey())).append("</h2>\n<ul>\n");
            for (Connection c : p.getValue()) {
                boolean expired = now - c.publishedMillis() > ttl;
                html.append("<li>").append(expired ? "<s>" : "")
                        .append(esc(c.uid())).append(": ").append(esc(c.uri()))
                        .append(" (data_type ").append(esc(c.dataType()))
                        .append(", connection_type ").append(c.connectionType());
                if (c.capacity() != null) {
                    html.append(", capacity ").append(c.capacity());
                }
                html.append(String.format(Locale.ROOT, ", published %.1f s ago)", (now - c.publishedMillis()) / 1000.0))
                        .append(expired ? "</s>" : "").append("</li>\n");
            }
            html.append("</ul>\n");
        }
        if (partitions.isEmpty()) {
            html.append("<p>No partitions.</p>\n");
        }
        return html.append(statsTable()).toString();
    }

    /** GET /stats */
    public String stats() {
        return "<h1>Connection service statistics</h1>\n" + statsTable();
    }

    private String statsTable() {
        RegistryStatistics stats = registry.statistics();
        StringBuilder html = new StringBuilder("<h2>Statistics</h2>\n<p>Since ")
                .append(stats.since()).append(" (")
                .append(Duration.between(stats.since(), Instant.now()).toSeconds()).append(" s)</p>\n")
                .append("<table>\n<tr><th>endpoint</th><th>requests</th><th>failed</th>"
                        + "<th>average time (&micro;s)</th></tr>\n");
        stats.endpoints().forEach((name, e) -> html.append("<tr><td>").append(esc(name)).append("</td><td>")
                .append(e.requests()).append("</td><td>").append(e.failures()).append("</td><td>")
                .append(String.format(Locale.ROOT, "%.1f", e.averageMicros())).append("</td></tr>\n"));
        return html.append("</table>\n").toString();
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s);
    }
}
