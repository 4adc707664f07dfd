package org.daqhub.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.daqhub.config.HubDefaults;
import org.junit.jupiter.api.Test;

/**
 * The README, docs/ and bench/RESULTS.md hold together: every relative link points at a file that
 * exists and, with a {@code #fragment}, at a heading of that file (GitHub's anchors); every
 * {@code daqhub.*} property they name is one the hub has (a properties record's, see HubDefaults,
 * or a key of config/application*.yml).
 */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);
    private static final Pattern PROPERTY = Pattern.compile("`(daqhub\\.[a-z0-9.-]+[a-z0-9])`");
    /** Names spelled like properties that are not: the workers' AMQP queue. */
    private static final Set<String> NOT_PROPERTIES = Set.of("daqhub.requests.reports");

    @Test
    void everyRelativeLinkResolvesToAFileAndAHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http:, mailto:...
                }
                String file = target.replaceAll("#.*$", "");
                String fragment = target.contains("#") ? target.substring(target.indexOf('#') + 1) : "";
                Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page + ": " + target + " (no such file)");
                } else if (!fragment.isEmpty() && resolved.toString().endsWith(".md")
                        && !anchors(resolved).contains(fragment)) {
                    broken.add(page + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void everyPropertyTheDocsNameExists() throws IOException {
        Set<String> known = knownProperties();
        Set<String> unknown = new TreeSet<>();
        for (Path page : pages()) {
            Matcher m = PROPERTY.matcher(Files.readString(page));
            while (m.find()) {
                String name = m.group(1);
                if (!NOT_PROPERTIES.contains(name) && !known.contains(name) && known.stream().noneMatch(k -> k.startsWith(name + "."))) {
                    unknown.add(page + ": " + name);
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("bench/RESULTS.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        return pages;
    }

    /** GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces to dashes, -1, -2 for repeats. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        String text = Files.readString(page).replaceAll("(?s)```.*?```", "");
        Matcher m = HEADING.matcher(text);
        while (m.find()) {
            String slug = m.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
                    .replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(n == 0 ? slug : slug + "-" + n);
        }
        return anchors;
    }

    /** Property names the hub reads: its properties records and the few without one (HubDefaults), and config/application*.yml. */
    private static Set<String> knownProperties() throws IOException {
        Set<String> known = new HashSet<>(new HubDefaults().keys());
        try (Stream<Path> configs = Files.list(Path.of("config"))) {
            for (Path yml : configs.filter(p -> p.toString().endsWith(".yml")).toList()) {
                collectKeys(Files.readAllLines(yml), known);
            }
        }
        return known;
    }

    /**
     * The keys of a YAML file by indentation, commented examples included ({@code # data-root: /data}
     * under {@code requests:} is {@code daqhub.requests.data-root}); comment prose is not a key.
     */
    private static void collectKeys(List<String> lines, Set<String> keys) {
        Pattern key = Pattern.compile("^(\\s*)(# )?([a-z][a-z0-9-]*):(?: (.*))?$");
        List<Integer> indents = new ArrayList<>();
        List<String> path = new ArrayList<>();
        for (String line : lines) {
            Matcher m = key.matcher(line);
            if (!m.matches() || (m.group(2) != null && m.group(4) != null && m.group(4).contains(": "))) {
                continue;
            }
            int indent = m.group(1).length();
            while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
                indents.remove(indents.size() - 1);
                path.remove(path.size() - 1);
            }
            indents.add(indent);
            path.add(m.group(3));
            keys.add(String.join(".", path));
        }
    }
}
