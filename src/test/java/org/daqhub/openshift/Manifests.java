package org.daqhub.openshift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.Yaml;

/** Reading Kubernetes objects parsed from YAML as maps and lists, for the manifest tests. */
final class Manifests {

    private Manifests() {
    }

    /**
     * An overlay of openshift/overlays rendered by {@code kubectl kustomize}, as {@code oc apply -k}
     * would (the test is skipped, saying so, where kubectl is not installed).
     */
    static List<Map<String, Object>> render(String overlay) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", "openshift/overlays/" + overlay).start();
        } catch (IOException noKubectl) {
            Assumptions.abort("kubectl is not installed: " + noKubectl.getMessage());
            return List.of();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        return parse(out);
    }

    /** Every object of a multi-document YAML text. */
    static List<Map<String, Object>> parse(String text) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(text)) {
            if (doc != null) {
                objects.add(cast(doc));
            }
        }
        return objects;
    }

    static Map<String, Object> first(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).findFirst().orElseThrow();
    }

    static String metadataName(Map<String, Object> object) {
        return map(object, "metadata").get("name").toString();
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        return cast(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        return (List<Map<String, Object>>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
