package org.daqhub.openshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daqhub.openshift.Manifests.first;
import static org.daqhub.openshift.Manifests.list;
import static org.daqhub.openshift.Manifests.map;
import static org.daqhub.openshift.Manifests.metadataName;
import static org.daqhub.openshift.Manifests.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.processors.receive.DetectorDefinitions;
import org.daqhub.config.HubDefaults;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every overlay rendered with {@code kubectl kustomize}, as {@code oc apply -k} would, and checked
 * without a cluster (containers cannot run on these machines: what runs in a pod is not shown
 * here). Probes, requests and limits, non-root, environment variables the hub knows, Secret keys
 * the template has, the routes ConfigMap made from routes/, and a detector node sized for its
 * definitions.
 */
class KustomizeOverlaysTest {

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "services", "detector"})
    void everyContainerHasProbesResourcesANonRootUserAndKnownSettings(String overlay) throws Exception {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        Set<String> secretKeys = map(first(parse(Files.readString(Path.of("openshift/secret-template.yaml"))),
                "Secret"), "stringData").keySet();
        Set<String> properties = normalisedProperties();
        Map<String, Object> pod = map(map(map(first(objects, "Deployment"), "spec"), "template"), "spec");
        assertThat(map(pod, "securityContext").get("runAsNonRoot")).isEqualTo(true);
        for (Map<String, Object> container : list(pod, "containers")) {
            assertThat(container).containsKeys("startupProbe", "livenessProbe", "readinessProbe");
            Map<String, Object> resources = map(container, "resources");
            assertThat(map(resources, "requests")).containsKeys("cpu", "memory");
            assertThat(map(resources, "limits")).containsKey("memory");
            assertThat(map(container, "securityContext").get("allowPrivilegeEscalation")).isEqualTo(false);
            for (Map<String, Object> env : list(container, "env")) {
                String name = env.get("name").toString();
                if (name.startsWith("DAQHUB_")) {
                    assertThat(properties).as(name + " names a hub property").contains(normalise(name));
                }
                if (env.get("valueFrom") instanceof Map<?, ?> from && from.get("secretKeyRef") instanceof Map<?, ?> ref) {
                    assertThat(secretKeys).as(name).contains(ref.get("key").toString());
                }
            }
        }
        Map<String, Object> routes = objects.stream().filter(o -> "ConfigMap".equals(o.get("kind"))).findFirst()
                .orElseThrow();
        assertThat(map(routes, "data")).isEqualTo(routesOnDisk());
    }

    @Test
    void theStatelessTierIsReplicatedAndCapped() throws Exception {
        List<Map<String, Object>> objects = Manifests.render("services");
        Map<String, Object> deployment = first(objects, "Deployment");
        assertThat((Integer) map(deployment, "spec").get("replicas")).isGreaterThanOrEqualTo(2);
        assertThat(env(deployment, "DAQHUB_CAPABILITIES")).isEqualTo("registry,event-streams,requests,users,datastore");
        assertThat(map(map(first(objects, "HorizontalPodAutoscaler"), "spec"), "scaleTargetRef").get("name"))
                .isEqualTo(metadataName(deployment));
        assertThat(map(map(map(first(objects, "PodDisruptionBudget"), "spec"), "selector"), "matchLabels"))
                .isEqualTo(map(map(deployment, "spec"), "selector").get("matchLabels"));
        assertThat(map(first(objects, "PersistentVolumeClaim"), "spec").get("accessModes"))
                .isEqualTo(List.of("ReadWriteMany"));
    }

    @Test
    void aDetectorNodeHasTheUdpPortsAndSharedMemoryItsDefinitionsNeed() throws Exception {
        List<Map<String, Object>> objects = Manifests.render("detector");
        Map<String, Object> deployment = first(objects, "Deployment");
        Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");
        assertThat(pod.get("hostNetwork")).isEqualTo(true);
        assertThat(env(deployment, "DAQHUB_CAPABILITIES")).isEqualTo("detector,writer");
        long buffers = 0;
        Set<Integer> udpPorts = new HashSet<>();
        try (Stream<Path> files = Files.list(Path.of("config/detectors"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                DetectorDefinition d = DetectorDefinitions.load(file);
                buffers += ImageBuffer.fileBytes(d.settings().bufferSlots(), d.imageHeight(), d.imageWidth(),
                        d.imagePixelType().bytes());
                for (int m = 0; m < d.nModules(); m++) {
                    udpPorts.add(d.udpPort(m));
                }
            }
        }
        Map<String, Object> container = list(pod, "containers").get(0);
        assertThat(list(container, "ports")).filteredOn(p -> "UDP".equals(p.get("protocol")))
                .extracting(p -> (Integer) p.get("containerPort")).containsExactlyInAnyOrderElementsOf(udpPorts);
        Map<String, Object> shm = list(pod, "volumes").stream().filter(v -> v.get("name").equals("dshm")).findFirst()
                .orElseThrow();
        assertThat(map(shm, "emptyDir").get("medium")).isEqualTo("Memory");
        long size = bytes(map(shm, "emptyDir").get("sizeLimit").toString());
        assertThat(size).as("/dev/shm against the buffers of config/detectors").isGreaterThanOrEqualTo(buffers);
        assertThat(list(container, "volumeMounts")).anySatisfy(m -> assertThat(m.get("mountPath")).isEqualTo("/dev/shm"));
        assertThat(bytes(map(map(container, "resources"), "limits").get("memory").toString()))
                .as("the memory limit counts /dev/shm too").isGreaterThan(size);
    }

    private static Map<String, String> routesOnDisk() throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path f : routes.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).toList()) {
                files.put(f.getFileName().toString(), Files.readString(f));
            }
        }
        return files;
    }

    /**
     * The properties the hub reads (its records, HubDefaults) and the keys of config/application.yml,
     * lower case without separators (Spring's relaxed binding).
     */
    private static Set<String> normalisedProperties() throws IOException {
        Set<String> keys = new HashSet<>();
        collect("", new Yaml().load(Files.readString(Path.of("config/application.yml"))), keys);
        new HubDefaults().keys().forEach(key -> keys.add(normalise(key)));
        return keys;
    }

    private static void collect(String prefix, Object node, Set<String> keys) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> collect(prefix.isEmpty() ? k.toString() : prefix + "." + k, v, keys));
        } else {
            keys.add(normalise(prefix));
        }
    }

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[._-]", "");
    }

    private static long bytes(String quantity) {
        String[] units = {"Ki", "Mi", "Gi", "Ti"};
        for (int i = 0; i < units.length; i++) {
            if (quantity.endsWith(units[i])) {
                return Long.parseLong(quantity.substring(0, quantity.length() - 2)) << (10 * (i + 1));
            }
        }
        return Long.parseLong(quantity);
    }

    private static String env(Map<String, Object> deployment, String name) {
        Map<String, Object> container = list(map(map(map(deployment, "spec"), "template"), "spec"), "containers").get(0);
        return list(container, "env").stream().filter(e -> e.get("name").equals(name)).findFirst().orElseThrow()
                .get("value").toString();
    }
}
