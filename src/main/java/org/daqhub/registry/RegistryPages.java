package org.daqhub.registry;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.web.util.HtmlUtils;

/**
 * The HTML pages of the original service, in its words (its users' tests and scrapers read them):
 * {@code GET /} (the partitions, expired entries in red, then the statistics), {@code GET /stats},
 * and {@code /resetStats} and {@code /resetService}, which answer the statistics as they were
 * before the reset, as the original does. Times are printed as Python prints them (datetime and
 * timedelta). Below the original's lines, the hub adds its per-endpoint table (failures included)
 * and, on {@code GET /}, a link to its console.
 */
public class RegistryPages {

    private static final String PAD = " style=\"padding-left: 1em;padding-right: 1em\"";
    private static final DateTimeFormatter PYTHON_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final RegistryService registry;

    public RegistryPages(RegistryService registry) {
        this.registry = registry;
    }

    /** GET / */
    public String dump() {
        StringBuilder html = new StringBuilder("<h1>Dump of configuration dictionary</h1><h2>Active partitions</h2><p>");
        long now = System.currentTimeMillis();
        long ttl = registry.entryTtlMillis();
        Map<String, List<Connection>> partitions = registry.dump();
        if (partitions.isEmpty()) {
            html.append("None</p>");
        } else {
            html.append("<table style=\"border: 1px solid black\"><tr style=\"background: #e0e0e0\"><th").append(PAD)
                    .append(">Partition</th><th").append(PAD).append(">Entries</th></tr>");
            partitions.forEach((p, entries) -> html.append("<tr><td").append(PAD).append('>').append(esc(p))
                    .append("</td><td").append(PAD).append('>').append(entries.size()).append("</td></tr>"));
            html.append("</table><h2>Partitions</h2>");
            partitions.forEach((p, entries) -> {
                html.append("<h3>").append(esc(p)).append("</h3>")
                        .append("<table style=\"border: 1px solid black\"><tr style=\"background: #e0e0e0\"><th")
                        .append(PAD).append(" rowspan=\"2\">Name</th><th").append(PAD)
                        .append(" colspan=\"6\">Connection</th></tr><tr style=\"background: #e0e0e0\">");
                for (String column : List.of("uri", "uri (resolved)", "data_type", "capacity", "connection_type", "time")) {
                    html.append("<th").append(PAD).append('>').append(column).append("</th>");
                }
                html.append("</tr>");
                for (Connection c : entries) {
                    boolean expired = now - c.publishedMillis() >= ttl;
                    html.append("<tr>");
                    for (Object value : List.of(c.uid(), c.uri(), c.uri(), c.dataType(),
                            c.capacity() == null ? 0 : c.capacity(), c.connectionType(),
                            pythonDatetime(c.publishedMillis()))) {
                        String text = esc(String.valueOf(value));
                        html.append("<td").append(PAD).append('>')
                                .append(expired ? "<span style=\"color: red;\">" + text + "</span>" : text)
                                .append("</td>");
                    }
                    html.append("</tr>");
                }
                html.append("</table>");
            });
        }
        // after the original's lines, as the per-endpoint table: a way to the hub's console
        return html.append("<hr><h2>Server statistics</h2>").append(statistics())
                .append("<p><a href=\"/hub/\">DAQ Hub console</a></p>").toString();
    }

    /** GET /stats */
    public String stats() {
        return "<h1>Connection server statistics</h1>" + statistics();
    }

    /** GET /resetStats: the statistics until now, then they start again. */
    public String resetStats() {
        String page = stats();
        registry.resetStats();
        return page;
    }

    /** GET /resetService: forgets every partition, then answers as /resetStats. */
    public String resetService() {
        registry.clearPartitions();
        return resetStats();
    }

    private String statistics() {
        RegistryStatistics stats = registry.statistics();
        StringBuilder html = new StringBuilder("<p>Since ").append(pythonDatetime(stats.since().toEpochMilli()))
                .append("</p>");
        for (String[] call : List.of(new String[] {"publish", "publish"}, new String[] {"getconnection", "lookup"})) {
            RegistryStatistics.Endpoint e = stats.endpoint(call[0]);
            long n = e.succeeded();
            long averageMicros = n == 0 ? 0 : e.succeededNanos() / n / 1000;
            html.append("<p>").append(n).append(" calls to ").append(call[1]).append(" in total time ")
                    .append(pythonTimedelta(e.succeededNanos() / 1000)).append(" (average ")
                    .append(averageMicros % 1_000_000).append(" &micro;s per call)</p>");
        }
        html.append("<p>Maximum number of partitions active = ").append(stats.maxPartitions()).append("</p>");
        stats.maxEntries().forEach((p, n) -> html.append("<p>Maximum entries in partition ").append(esc(p))
                .append(" = ").append(n).append("</p>"));
        html.append("<h3>Per endpoint (DAQ Hub)</h3><table><tr><th>endpoint</th><th>requests</th><th>failed</th>"
                + "<th>average time (&micro;s)</th></tr>");
        stats.endpoints().forEach((name, e) -> html.append("<tr><td>").append(esc(name)).append("</td><td>")
                .append(e.requests()).append("</td><td>").append(e.failures()).append("</td><td>")
                .append(String.format(Locale.ROOT, "%.1f", e.averageMicros())).append("</td></tr>"));
        return html.append("</table>").toString();
    }

    /** As Python's str(datetime.now()): local time with microseconds. */
    static String pythonDatetime(long epochMillis) {
        return LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(epochMillis), ZoneId.systemDefault())
                .format(PYTHON_DATETIME);
    }

    /** As Python's str(timedelta): {@code H:MM:SS[.ffffff]}, with {@code N day(s), } before it. */
    static String pythonTimedelta(long micros) {
        Duration d = Duration.ofNanos(micros * 1000);
        long days = d.toDays();
        String time = String.format(Locale.ROOT, "%d:%02d:%02d", d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart());
        long fraction = micros % 1_000_000;
        if (fraction != 0) {
            time += String.format(Locale.ROOT, ".%06d", fraction);
        }
        return days == 0 ? time : days + (days == 1 ? " day, " : " days, ") + time;
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s);
    }
}
