package org.daqhub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.support.HubTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The metrics as Prometheus scrapes them from the running hub (every capability on): each
 * {@code daqhub_*} metric has a HELP text and a row in docs/metrics.md naming exactly its labels,
 * and every metric the Grafana dashboard in openshift/grafana queries exists.
 */
class MetricsDocumentationTest extends HubTestSupport {

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_:]+)(\\{([^}]*)})? ", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"");

    @Test
    void everyHubMetricHasAHelpText() {
        String scrape = http().get("/actuator/prometheus").body();
        Matcher help = Pattern.compile("^# HELP (daqhub_\\S+) ?(.*)$", Pattern.MULTILINE).matcher(scrape);
        int n = 0;
        while (help.find()) {
            assertThat(help.group(2)).as("HELP of %s", help.group(1)).isNotBlank();
            n++;
        }
        assertThat(n).isGreaterThan(50);
    }

    @Test
    void everyHubMetricIsDocumentedWithItsLabels() throws Exception {
        String docs = Files.readString(Path.of("docs/metrics.md"));
        for (Map.Entry<String, Set<String>> metric : families(http().get("/actuator/prometheus").body()).entrySet()) {
            if (!metric.getKey().startsWith("daqhub_")) {
                continue;
            }
            Matcher row = Pattern.compile("^\\| `" + metric.getKey() + "` \\| \\w+ \\| ([^|]*) \\|", Pattern.MULTILINE)
                    .matcher(docs);
            assertThat(row.find()).as("%s has a row in docs/metrics.md", metric.getKey()).isTrue();
            Set<String> documented = new TreeSet<>();
            Matcher label = Pattern.compile("`(\\w+)`").matcher(row.group(1));
            while (label.find()) {
                documented.add(label.group(1));
            }
            assertThat(documented).as("labels of %s in docs/metrics.md", metric.getKey()).isEqualTo(metric.getValue());
        }
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesExists() throws Exception {
        Set<String> scraped = families(http().get("/actuator/prometheus").body()).keySet();
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("openshift/grafana/daqhub-dashboard.json").toFile());
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = Pattern.compile("\\b(daqhub_\\w+|camel_\\w+)").matcher(target.get("expr").asText());
                while (m.find()) {
                    queried.add(m.group(1));
                }
            }
        }
        queried.add(dashboard.at("/templating/list/0/query").asText().replaceAll(".*\\((\\w+),.*", "$1"));
        assertThat(queried).hasSizeGreaterThan(20);
        assertThat(scraped).as("metrics on the running hub").containsAll(queried);
    }

    /** Metric family (sample name without _bucket/_count/_sum/_max) to the label names of its samples. */
    private static Map<String, Set<String>> families(String scrape) {
        Map<String, Set<String>> families = new TreeMap<>();
        Matcher sample = SAMPLE.matcher(scrape);
        while (sample.find()) {
            String name = sample.group(1);
            Set<String> labels = families.computeIfAbsent(name, k -> new TreeSet<>());
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
        return families;
    }
}
