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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The base manifests (openshift/base) and the Secret template parse and hang together. */
class OpenShiftManifestsTest {

    private static final Path DIR = Path.of("openshift/base");

    @Test
    void everyManifestParsesAsAKubernetesObject() throws IOException {
        List<Map<String, Object>> objects = manifests();
        assertThat(objects).extracting(o -> o.get("kind"))
                .contains("Deployment", "Service", "Route", "PersistentVolumeClaim", "Secret", "NetworkPolicy",
                        "ServiceMonitor");
        for (Map<String, Object> object : objects) {
            assertThat(object).containsKeys("apiVersion", "kind", "metadata");
            assertThat(map(object, "metadata")).containsKey("name");
        }
    }

    @Test
    void deploymentMountsTheRoutesConfigMapWhereTheHubReadsRoutes() throws IOException {
        Map<String, Object> deployment = byKind("Deployment");
        Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");
        Map<String, Object> container = list(pod, "containers").get(0);
        String routesMount = list(container, "volumeMounts").stream()
                .filter(m -> m.get("name").equals("routes")).findFirst().orElseThrow().get("mountPath").toString();
        assertThat(list(container, "env")).anySatisfy(env -> {
            assertThat(env.get("name")).isEqualTo("DAQHUB_ROUTES_DIR");
            assertThat(env.get("value")).isEqualTo(routesMount);
        });
        Map<String, Object> routesVolume = list(pod, "volumes").stream()
                .filter(v -> v.get("name").equals("routes")).findFirst().orElseThrow();
        assertThat(map(routesVolume, "configMap").get("name")).isEqualTo("daq-hub-routes"); // routes/kustomization.yaml
    }

    @Test
    void everySecretKeyTheDeploymentReadsIsInTheTemplateAndNothingSecretIsInAConfigMap() throws IOException {
        Map<String, Object> deployment = byKind("Deployment");
        Map<String, Object> container = list(map(map(map(deployment, "spec"), "template"), "spec"), "containers").get(0);
        Map<String, Object> secret = byKind("Secret");
        Map<String, Object> keys = map(secret, "stringData");
        List<Map<String, Object>> refs = list(container, "env").stream().filter(e -> e.containsKey("valueFrom"))
                .map(e -> map(map(e, "valueFrom"), "secretKeyRef")).toList();
        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref.get("name")).isEqualTo(metadataName(secret));
            assertThat(keys).containsKey(ref.get("key").toString());
        });
        assertThat(list(container, "env")).anySatisfy(e -> assertThat(e.get("name")).isEqualTo("JWT_SECRET_KEY"));
        assertThat(list(container, "env")).filteredOn(e -> String.valueOf(e.get("name")).matches(".*(PASSWORD|SECRET).*"))
                .isNotEmpty().allSatisfy(e -> assertThat(e).doesNotContainKey("value"));
    }

    @Test
    void prometheusScrapesTheHubsMetricsAndTheNetworkPolicyLetsHttpIn() throws IOException {
        Map<String, Object> service = byKind("Service");
        Map<String, Object> port = list(map(service, "spec"), "ports").get(0);
        Map<String, Object> endpoint = list(map(byKind("ServiceMonitor"), "spec"), "endpoints").get(0);
        assertThat(endpoint.get("port")).isEqualTo(port.get("name"));
        assertThat(endpoint.get("path")).isEqualTo("/actuator/prometheus");
        assertThat(map(map(map(byKind("ServiceMonitor"), "spec"), "selector"), "matchLabels"))
                .isEqualTo(map(map(service, "spec"), "selector"));

        Map<String, Object> hubPolicy = manifests().stream().filter(o -> "NetworkPolicy".equals(o.get("kind"))
                && metadataName(o).equals("daq-hub")).findFirst().orElseThrow();
        assertThat(map(map(map(hubPolicy, "spec"), "podSelector"), "matchLabels")).isEqualTo(Map.of("app", "daq-hub"));
        assertThat(list(list(map(hubPolicy, "spec"), "ingress").get(0), "ports").get(0).get("port"))
                .isEqualTo(port.get("port"));
    }

    private static List<Map<String, Object>> manifests() throws IOException {
        List<Map<String, Object>> objects = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.list(DIR), Stream.of(Path.of("openshift/secret-template.yaml")))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).sorted().toList()) {
                objects.addAll(parse(Files.readString(file)));
            }
        }
        return objects;
    }

    private static Map<String, Object> byKind(String kind) throws IOException {
        return first(manifests(), kind);
    }
}
