package org.daqhub.routes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Keeps the Camel context in step with the YAML files of the routes directory while the hub runs.
 *
 * <p>Camel's own route reload was not enough here: it ignores deleted files (with
 * {@code remove-all-routes=false}), leaves the REST definitions of replaced files in the model,
 * misses changes to an OpenShift ConfigMap (mounted files are symlinks swapped atomically, which
 * produce no event on the file itself), and a file that parses but fails to start leaves its old
 * routes removed. So the directory is polled and each file's content hash compared:
 * <ul>
 *   <li>new or changed file: parsed first; if that fails the running version stays. Then its old
 *       routes are replaced by the new ones; if the new ones fail to start, they are removed and
 *       the last good version is loaded again. Either way the rejection is logged at ERROR naming
 *       the file and the cause, and shown in {@code /hub/info}.</li>
 *   <li>deleted file: its routes and REST definitions are removed.</li>
 *   <li>the REST verbs a file adds are checked by a {@link RestCheck} (their access declarations):
 *       a refusal rejects the file like a start failure; warnings are logged and shown.</li>
 * </ul>
 * A file modified less than {@link #SETTLE} ago is left for the next poll, so a save in progress
 * (truncate, then write) is not loaded half written.
 */
public class RouteFileReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFileReloader.class);
    private static final Duration SETTLE = Duration.ofMillis(300);
    /** kustomize's file in routes/ (it makes the routes ConfigMap), not a routes file. */
    private static final Set<String> KUSTOMIZATION = Set.of("kustomization.yaml", "kustomization.yml");

    private final CamelContext camel;
    private final Path directory;
    private final Duration poll;
    private final StaleHttpMappingSweeper sweeper;
    private final RestCheck restCheck;
    private final Map<Path, LoadedRouteFile> loaded = new ConcurrentHashMap<>();
    private final Map<Path, Rejection> rejected = new ConcurrentHashMap<>();
    /** Files of capabilities this instance does not run: never loaded. */
    private final Set<String> skipped;
    /** Routes Java code sends to, by file: an edit that drops one is rejected. */
    private final List<RequiredRoutes> required;
    private ScheduledExecutorService scheduler;
    private volatile boolean initialLoadDone;

    private record Rejection(String digest, String error) {
    }

    public RouteFileReloader(CamelContext camel, Path directory, Duration poll, StaleHttpMappingSweeper sweeper,
            RestCheck restCheck) {
        this(camel, directory, poll, sweeper, restCheck, Set.of(), List.of());
    }

    /**
     * @param skipped  names of files in the directory not to load (capabilities that are off)
     * @param required routes Java code sends to, which their files must keep
     */
    public RouteFileReloader(CamelContext camel, Path directory, Duration poll, StaleHttpMappingSweeper sweeper,
            RestCheck restCheck, Set<String> skipped, List<RequiredRoutes> required) {
        this.skipped = Set.copyOf(skipped);
        this.required = List.copyOf(required);
        this.camel = camel;
        this.restCheck = restCheck;
        this.directory = directory.toAbsolutePath().normalize();
        this.poll = poll;
        this.sweeper = sweeper;
    }

    /** Loads every file now (the hub starts even if one is broken), then polls for changes. */
    public void start() {
        if (!Files.isDirectory(directory)) {
            LOG.warn("Routes directory {} does not exist; no YAML routes loaded until it is created", directory);
        }
        scan(true);
        initialLoadDone = true;
        LOG.info("Watching {} for route changes every {} ms", directory, poll.toMillis());
        CustomizableThreadFactory thread = new CustomizableThreadFactory("routes-reloader-");
        thread.setDaemon(true);
        scheduler = Executors.newSingleThreadScheduledExecutor(thread);
        scheduler.scheduleWithFixedDelay(() -> scan(false), poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** One pass over the directory. Synchronized: the poller and tests may both call it. */
    public synchronized void scan(boolean initial) {
        try {
            Map<Path, String> onDisk = readRouteFiles(initial);
            for (Map.Entry<Path, String> file : onDisk.entrySet()) {
                apply(file.getKey(), file.getValue());
            }
            for (Path gone : new ArrayList<>(loaded.keySet())) {
                if (!Files.exists(gone)) {
                    LOG.info("Routes file {} deleted: removing its routes {}", name(gone), loaded.get(gone).routeIds());
                    unload(loaded.remove(gone));
                    sweeper.sweep();
                }
            }
            rejected.keySet().removeIf(p -> !Files.exists(p));
        } catch (Exception e) {
            // Never let the poller die: the next pass tries again.
            LOG.error("Scanning routes directory {} failed: {}", directory, e.toString());
        }
    }

    /** Files in the directory left unloaded because their capability is off. */
    public Set<String> skipped() {
        return skipped;
    }

    /** Whether the routes files present at start have been loaded (readiness). */
    public boolean initialLoadDone() {
        return initialLoadDone;
    }

    public List<RouteFileStatus> status() {
        Map<String, RouteFileStatus> byName = new TreeMap<>();
        loaded.forEach((path, file) -> byName.put(name(path),
                new RouteFileStatus(name(path), file.routeIds(), file.loadedAt(), null, file.warnings())));
        rejected.forEach((path, rejection) -> {
            LoadedRouteFile running = loaded.get(path);
            byName.put(name(path), new RouteFileStatus(name(path),
                    running != null ? running.routeIds() : List.of(),
                    running != null ? running.loadedAt() : null, rejection.error(),
                    running != null ? running.warnings() : List.of()));
        });
        return List.copyOf(byName.values());
    }

    private Map<Path, String> readRouteFiles(boolean initial) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        Instant settled = Instant.now().minus(SETTLE);
        try (Stream<Path> list = Files.list(directory)) {
            for (Path path : list.sorted().collect(Collectors.toList())) {
                String fileName = path.getFileName().toString();
                if (fileName.startsWith(".") || !(fileName.endsWith(".yaml") || fileName.endsWith(".yml"))
                        || skipped.contains(fileName) || KUSTOMIZATION.contains(fileName)
                        || !Files.isRegularFile(path)) {
                    continue;
                }
                try {
                    if (!initial && Files.getLastModifiedTime(path).toInstant().isAfter(settled)) {
                        continue;
                    }
                    files.put(path, Files.readString(path, StandardCharsets.UTF_8));
                } catch (NoSuchFileException raced) {
                    // deleted between list and read: handled as a deletion on this pass
                }
            }
        }
        return files;
    }

    private void apply(Path path, String content) {
        String digest = sha256(content);
        LoadedRouteFile current = loaded.get(path);
        Rejection lastRejection = rejected.get(path);
        if (current != null && current.digest().equals(digest)) {
            rejected.remove(path); // a refused edit undone: the running version is the file again
            return;
        }
        if (lastRejection != null && lastRejection.digest().equals(digest)) {
            return;
        }
        for (RequiredRoutes routes : required) {
            String missing = routes.file().equals(name(path)) ? missingFrom(routes, content) : null;
            if (missing != null) {
                reject(path, digest, missing, current);
                return;
            }
        }
        Collection<RoutesBuilder> builders;
        try {
            builders = parse(path, content);
        } catch (Exception e) {
            reject(path, digest, "does not parse: " + rootMessage(e), current);
            return;
        }
        if (current != null) {
            unload(current);
            loaded.remove(path);
        }
        try {
            loaded.put(path, load(digest, content, builders));
            rejected.remove(path);
            LOG.info("Routes file {} {}: routes {}", name(path), current == null ? "loaded" : "reloaded",
                    loaded.get(path).routeIds());
            for (String warning : loaded.get(path).warnings()) {
                LOG.warn("Routes file {}: {}", name(path), warning);
            }
        } catch (Exception e) {
            reject(path, digest, "does not start: " + rootMessage(e), current);
            if (current != null) {
                try {
                    loaded.put(path, load(current.digest(), current.content(), parse(path, current.content())));
                } catch (Exception again) {
                    LOG.error("Routes file {}: restoring the previous version failed too: {}", name(path),
                            rootMessage(again));
                }
            }
        }
        sweeper.sweep();
    }

    private static String missingFrom(RequiredRoutes routes, String content) {
        try {
            return routes.missingFrom(content);
        } catch (RuntimeException unparsable) {
            return null; // not YAML: Camel's parse says why, naming the line
        }
    }

    private void reject(Path path, String digest, String error, LoadedRouteFile running) {
        rejected.put(path, new Rejection(digest, error));
        LOG.error("Routes file {} rejected, {}; {}", name(path), error,
                running != null ? "the previous version keeps running" : "no routes loaded from it");
    }

    private Collection<RoutesBuilder> parse(Path path, String content) throws Exception {
        Resource resource = ResourceHelper.fromString("file:" + path, content);
        return PluginHelper.getRoutesLoader(camel).findRoutesBuilders(List.of(resource));
    }

    /** Adds the builders' routes; on failure removes whatever part of them got in, then rethrows. */
    private LoadedRouteFile load(String digest, String content, Collection<RoutesBuilder> builders) throws Exception {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        Set<String> routesBefore = routeIds(model);
        List<RestDefinition> restsBefore = new ArrayList<>(model.getRestDefinitions());
        List<String> warnings;
        try {
            for (RoutesBuilder builder : builders) {
                camel.addRoutes(builder);
            }
            warnings = restCheck.check(addedRests(restsBefore, model));
        } catch (Exception e) {
            unload(new LoadedRouteFile(digest, content, added(routesBefore, model),
                    addedRests(restsBefore, model), Instant.now(), List.of()));
            throw e;
        }
        return new LoadedRouteFile(digest, content, added(routesBefore, model), addedRests(restsBefore, model),
                Instant.now(), warnings);
    }

    private void unload(LoadedRouteFile file) {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        for (String id : stopOrder(file.routeIds())) {
            try {
                camel.getRouteController().stopRoute(id, 10, java.util.concurrent.TimeUnit.SECONDS);
                if (!camel.removeRoute(id)) {
                    RouteDefinition def = model.getRouteDefinition(id);
                    if (def != null) {
                        model.removeRouteDefinition(def);
                    }
                }
            } catch (Exception e) {
                LOG.warn("Removing route {} failed: {}", id, rootMessage(e));
            }
        }
        synchronized (model) {
            model.getRestDefinitions().removeIf(rest -> file.rests().stream().anyMatch(r -> r == rest));
        }
    }

    /**
     * Entry routes (HTTP and other consumers) first, then the direct: and kamelet routes they call:
     * stopping a called route first would leave an in-flight request waiting for its consumer, and
     * the stop of the entry route waiting for that request.
     */
    private List<String> stopOrder(List<String> ids) {
        List<String> entries = new ArrayList<>();
        List<String> internal = new ArrayList<>();
        for (String id : ids) {
            org.apache.camel.Route route = camel.getRoute(id);
            String from = route != null ? route.getEndpoint().getEndpointUri() : "";
            boolean called = from.startsWith("direct:") || from.startsWith("seda:") || from.startsWith("kamelet:");
            (called ? internal : entries).add(id);
        }
        entries.addAll(internal);
        return entries;
    }

    private static Set<String> routeIds(Model model) {
        return model.getRouteDefinitions().stream().map(RouteDefinition::getRouteId)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private static List<String> added(Set<String> before, Model model) {
        return routeIds(model).stream().filter(id -> !before.contains(id)).toList();
    }

    private static List<RestDefinition> addedRests(List<RestDefinition> before, Model model) {
        return model.getRestDefinitions().stream().filter(r -> before.stream().noneMatch(b -> b == r)).toList();
    }

    private String name(Path path) {
        return directory.relativize(path).toString();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        // Bounded, so a cause chain with a cycle cannot loop forever.
        for (int depth = 0; depth < 32 && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.replaceAll("\\s+", " ").trim();
    }

    private static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
