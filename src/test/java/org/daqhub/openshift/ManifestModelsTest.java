package org.daqhub.openshift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.Route;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every overlay rendered with {@code kubectl kustomize} and read strictly with the fabric8
 * Kubernetes and OpenShift models: each object must be a kind the models know, and no field may be
 * one they do not know (fabric8 keeps unknown fields aside rather than failing, so every object is
 * walked for them), as the API server's strict validation would refuse. Then, typed: every
 * container of every workload has its probes, requests and limits and runs as non-root, and every
 * Secret key read is in the template.
 */
class ManifestModelsTest {

    private static final KubernetesSerialization MODELS = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "services", "detector"})
    void everyRenderedObjectIsAKnownKindWithOnlyKnownFields(String overlay) throws Exception {
        List<HasMetadata> objects = typed(Manifests.render(overlay));
        assertThat(objects).isNotEmpty();
        assertThat(objects).anySatisfy(o -> assertThat(o).isInstanceOf(Route.class));
        assertThat(objects).anySatisfy(o -> assertThat(o).isInstanceOf(ServiceMonitor.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "services", "detector"})
    void everyContainerOfEveryWorkloadHasProbesResourcesAndNoRoot(String overlay) throws Exception {
        Set<String> secretKeys = template().getStringData().keySet();
        int containers = 0;
        for (HasMetadata o : typed(Manifests.render(overlay))) {
            PodSpec pod = o instanceof Deployment d ? d.getSpec().getTemplate().getSpec()
                    : o instanceof StatefulSet s ? s.getSpec().getTemplate().getSpec() : null;
            if (pod == null) {
                continue;
            }
            String workload = o.getKind() + " " + o.getMetadata().getName();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(workload + " runs as non-root").isTrue();
            for (Container c : pod.getContainers()) {
                String name = workload + " container " + c.getName();
                assertThat(c.getStartupProbe()).as(name + " startup probe").isNotNull();
                assertThat(c.getLivenessProbe()).as(name + " liveness probe").isNotNull();
                assertThat(c.getReadinessProbe()).as(name + " readiness probe").isNotNull();
                assertThat(c.getResources().getRequests()).as(name + " requests").containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(name + " limits").containsKey("memory");
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
                if (!c.getImage().startsWith("daq-hub")) { // the hub's own: the facility's build (kustomize edit set image)
                    assertThat(c.getImage()).as(name + " image is pinned").doesNotEndWith(":latest").contains(":");
                }
                for (EnvVar env : c.getEnv()) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("daq-hub-services");
                        assertThat(secretKeys).as(name + " " + env.getName()).contains(
                                env.getValueFrom().getSecretKeyRef().getKey());
                    }
                }
                containers++;
            }
        }
        assertThat(containers).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theServicesOverlayBringsItsBrokerCacheAndDatabaseAsStatefulSetsWithVolumes() throws Exception {
        List<HasMetadata> objects = typed(Manifests.render("services"));
        Deployment hub = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst()
                .orElseThrow();
        List<String> hosts = hub.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().endsWith("_HOST") || e.getName().endsWith("_URL")).map(EnvVar::getValue)
                .toList();
        for (String service : List.of("rabbitmq", "redis", "postgresql")) {
            StatefulSet set = objects.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
                    .filter(s -> s.getMetadata().getName().equals(service)).findFirst().orElseThrow();
            assertThat(set.getSpec().getVolumeClaimTemplates()).as(service + " has its volume").hasSize(1);
            assertThat(set.getSpec().getServiceName()).isEqualTo(service);
            assertThat(objects).as("a Service named " + service).anySatisfy(o -> {
                assertThat(o.getKind()).isEqualTo("Service");
                assertThat(o.getMetadata().getName()).isEqualTo(service);
            });
            assertThat(hosts).as("the hub's Deployment reaches " + service).anySatisfy(h -> assertThat(h).contains(service));
        }
    }

    @Test
    void theStrictReadingRefusesAnUnknownFieldAndAnUnknownKind() {
        Map<String, Object> typo = new Yaml().load("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replica: 2
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      containers: [{name: x, image: "x:1", imagePullPolicy: Always, prots: []}]
                """);
        List<String> problems = new ArrayList<>();
        check(typo, problems);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("spec").contains("replica"))
                .anySatisfy(p -> assertThat(p).contains("containers[0]").contains("prots"));

        List<String> unknownKind = new ArrayList<>();
        check(new Yaml().load("{apiVersion: example.org/v1, kind: Gadget, metadata: {name: g}}"), unknownKind);
        assertThat(unknownKind).anySatisfy(p -> assertThat(p).contains("Gadget").contains("no model"));
    }

    /** Each object read into its model class; fails listing every unknown kind and field. */
    private static List<HasMetadata> typed(List<Map<String, Object>> objects) throws IOException {
        List<String> problems = new ArrayList<>();
        List<HasMetadata> typed = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            HasMetadata o = check(object, problems);
            if (o != null) {
                typed.add(o);
            }
        }
        assertThat(problems).as("objects or fields the fabric8 models do not know").isEmpty();
        return typed;
    }

    private static HasMetadata check(Map<String, Object> object, List<String> problems) {
        String what = object.get("kind") + " " + ((Map<?, ?>) object.getOrDefault("metadata", Map.of())).get("name");
        try {
            KubernetesResource resource = MODELS.unmarshal(JSON.writeValueAsString(object), KubernetesResource.class);
            if (resource instanceof GenericKubernetesResource || !(resource instanceof HasMetadata typed)) {
                problems.add(what + ": no model for " + object.get("apiVersion") + " " + object.get("kind"));
                return null;
            }
            unknownFields(typed, what, problems);
            return typed;
        } catch (IOException | RuntimeException e) {
            problems.add(what + ": " + e.getMessage());
            return null;
        }
    }

    /** Walks a model object for fields fabric8 kept aside as unknown ({@code additionalProperties}). */
    private static void unknownFields(Object o, String path, List<String> problems) {
        if (o == null) {
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
            return;
        }
        if (o instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : o.getClass().getMethods()) {
            if (Modifier.isStatic(getter.getModifiers()) || getter.getParameterCount() != 0
                    || !getter.getName().startsWith("get") || !getter.getDeclaringClass().getName().startsWith("io.fabric8.")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue; // a computed getter (Quantity's amount, say): not a field
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else {
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                unknownFields(value, path + "." + field, problems);
            }
        }
    }

    private static Secret template() throws IOException {
        return MODELS.unmarshal(Files.readString(Path.of("openshift/secret-template.yaml")), Secret.class);
    }
}
