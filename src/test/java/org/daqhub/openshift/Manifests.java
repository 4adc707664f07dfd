package org.daqhub.openshift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/** Reading Kubernetes objects parsed from YAML as maps and lists, for the manifest tests. */
final class Manifests {

    private Manifests() {
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
