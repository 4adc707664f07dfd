package org.daqhub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;
import org.yaml.snakeyaml.Yaml;

/**
 * Each default has one home, the properties records: application.yml only overrides, and the
 * documentation states the records' values for every property the hub reads.
 */
class HubDefaultsTest {

    private static final HubDefaults DEFAULTS = new HubDefaults();
    /** A documentation table row: | `daqhub.a.b` [/ `c` ...] | default cell | meaning | */
    private static final Pattern ROW = Pattern.compile("^\\| (`daqhub\\.[^|\n]+) \\| ([^|\n]*) \\|", Pattern.MULTILINE);
    private static final Pattern TICKED = Pattern.compile("`([^`]+)`");

    @Test
    void theRecordsGiveTheDefaultsOfEveryCapability() {
        assertThat(DEFAULTS.values()).containsEntry("daqhub.registry.base-path", "")
                .containsEntry("daqhub.datastore.base-path", "/datastore")
                .containsEntry("daqhub.detector.statistics-events", "10s")
                .containsEntry("daqhub.broker.embedded", "true")
                .containsEntry("daqhub.max-request-body", "16MB")
                .containsEntry("daqhub.http.synchronous-routes[1]", "datastore-streamdata");
        assertThat(DEFAULTS.keys()).contains("daqhub.writer.output-roots", "daqhub.datastore.dir",
                "daqhub.capabilities");
    }

    @Test
    void aProfilesFileOverridesTheDefaultsAndTheRestKeepThem() {
        SpringApplication app = new SpringApplication(Object.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setAdditionalProfiles("services");
        try (ConfigurableApplicationContext context = app.run()) {
            assertThat(context.getEnvironment().getProperty("daqhub.broker.embedded")).isEqualTo("false");
            assertThat(context.getEnvironment().getProperty("daqhub.registry.store")).isEqualTo("redis");
            assertThat(context.getEnvironment().getProperty("daqhub.datastore.base-path")).isEqualTo("/datastore");
        }
    }

    @Test
    void applicationYmlSetsNothingToItsDefault() throws IOException {
        Map<String, Object> configured = new TreeMap<>();
        flatten("", new Yaml().load(Files.readString(Path.of("config/application.yml"))), configured);
        configured.forEach((key, value) -> {
            if (key.startsWith("daqhub.") && !String.valueOf(value).startsWith("${")) {
                assertThat(String.valueOf(value)).as(key + " repeats the record's default")
                        .isNotEqualTo(DEFAULTS.values().get(key));
            }
        });
    }

    @Test
    void theDocumentedDefaultsAreTheRecords() throws IOException {
        Map<String, String> documented = documentedDefaults();
        List<String> wrong = new ArrayList<>();
        documented.forEach((key, doc) -> {
            String actual = listOrValue(key);
            if (actual != null && !same(doc, actual)) {
                wrong.add(key + ": the docs say " + doc + ", the record " + actual);
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyPropertyTheHubReadsIsDocumented() throws IOException {
        TreeSet<String> missing = new TreeSet<>(DEFAULTS.keys());
        missing.removeAll(documentedKeys());
        missing.removeIf(key -> key.equals("daqhub.version"));
        assertThat(missing).as("properties with no row in a docs/ table").isEmpty();
    }

    private static String listOrValue(String key) {
        Map<String, Object> values = DEFAULTS.values();
        if (values.containsKey(key)) {
            return values.get(key).toString();
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; values.containsKey(key + "[" + i + "]"); i++) {
            items.add(values.get(key + "[" + i + "]").toString());
        }
        return items.isEmpty() ? null : String.join(",", items);
    }

    /** Durations, sizes and paths compare by what they mean ({@code 64MB} is {@code 67108864}). */
    private static boolean same(String documented, String actual) {
        if (documented.equals(actual)) {
            return true;
        }
        try {
            Duration d = DurationStyle.detectAndParse(actual);
            return d.equals(DurationStyle.detectAndParse(documented));
        } catch (IllegalArgumentException notADuration) {
            // next kind
        }
        try {
            return DataSize.parse(actual).equals(DataSize.parse(documented));
        } catch (IllegalArgumentException notASize) {
            // next kind
        }
        return Path.of(documented).normalize().equals(Path.of(actual).normalize());
    }

    /** Key to the default a table states, where it states one in backticks ({@code `10s`}). */
    private static Map<String, String> documentedDefaults() throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        forEachRow((keys, cell) -> {
            String[] parts = cell.split(" / ");
            if (keys.size() == 1) {
                List<String> ticked = ticked(cell.replaceAll("\\(.*", ""));
                if (!ticked.isEmpty() && cell.startsWith("`")) { // not "(`ENV_NAME`)" nor prose
                    defaults.put(keys.get(0), String.join(",", ticked));
                }
            } else if (parts.length == keys.size() && cell.startsWith("`")) {
                for (int i = 0; i < keys.size(); i++) {
                    List<String> ticked = ticked(parts[i]);
                    if (ticked.size() == 1 && parts[i].trim().startsWith("`")) {
                        defaults.put(keys.get(i), ticked.get(0));
                    }
                }
            }
        });
        defaults.values().removeIf(v -> v.contains("${") || v.contains("<"));
        return defaults;
    }

    private static List<String> documentedKeys() throws IOException {
        List<String> keys = new ArrayList<>();
        forEachRow((rowKeys, cell) -> keys.addAll(rowKeys));
        return keys;
    }

    /** Rows naming {@code `daqhub.a.b`} or {@code `daqhub.a.b` / `c`} (c short for daqhub.a.c). */
    private static void forEachRow(java.util.function.BiConsumer<List<String>, String> action) throws IOException {
        try (Stream<Path> pages = Files.walk(Path.of("docs"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).toList()) {
                Matcher row = ROW.matcher(Files.readString(page));
                while (row.find()) {
                    List<String> names = ticked(row.group(1));
                    String first = names.get(0);
                    String prefix = first.substring(0, first.lastIndexOf('.') + 1);
                    List<String> keys = new ArrayList<>();
                    for (String name : names) {
                        keys.add(name.startsWith("daqhub.") ? name : prefix + name);
                    }
                    action.accept(keys, row.group(2).trim());
                }
            }
        }
    }

    private static List<String> ticked(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = TICKED.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static void flatten(String prefix, Object node, Map<String, Object> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? k.toString() : prefix + "." + k, v, out));
        } else {
            out.put(prefix, node);
        }
    }
}
