package org.daqhub.routes;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.daqhub.support.Http;
import org.daqhub.support.HubTestSupport;
import org.daqhub.support.RouteFiles;
import org.junit.jupiter.api.Test;

/**
 * The routes directory as Kubernetes mounts a ConfigMap: each key a symbolic link
 * {@code name.yaml -> ..data/name.yaml}, {@code ..data} a link to a hidden timestamped directory.
 * An update writes a new directory and swaps {@code ..data} in one rename; the file links never
 * change. The hub must take the new content, and a key removed from the ConfigMap must unload.
 */
class ConfigMapSwapTest extends HubTestSupport {

    private static final Duration WITHIN = Duration.ofSeconds(5);

    @Test
    void anUpdateSwappingTheDataLinkIsTakenAndARemovedKeyUnloads() throws Exception {
        Http http = http();
        Path first = version("..2026_12_07_03_00_00.000000001", "configmap");
        Path data = ROUTES_DIR.resolve("..data");
        Files.createSymbolicLink(data, first.getFileName());
        Path key = ROUTES_DIR.resolve("cm-greeting.yaml");
        Files.createSymbolicLink(key, Path.of("..data", "cm-greeting.yaml"));
        await().atMost(WITHIN).until(() -> http.get("/cm-greeting").body().equals("configmap"));

        // kubelet: new directory, a temporary link to it, renamed over ..data, old directory removed
        Path second = version("..2026_12_07_03_05_00.000000002", "configmap, updated");
        Path tmp = ROUTES_DIR.resolve("..data_tmp");
        Files.createSymbolicLink(tmp, second.getFileName());
        Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE);
        RouteFiles.delete(first, "cm-greeting.yaml");
        Files.delete(first);
        await().atMost(WITHIN).until(() -> http.get("/cm-greeting").body().equals("configmap, updated"));

        // the key removed from the ConfigMap: its link goes
        Files.delete(key);
        await().atMost(WITHIN).until(() -> http.get("/cm-greeting").statusCode() == 404);
        RouteFiles.delete(second, "cm-greeting.yaml");
        Files.delete(second);
        Files.delete(data);
    }

    private static Path version(String name, String answer) throws Exception {
        Path dir = Files.createDirectory(ROUTES_DIR.resolve(name));
        // written before the link points at it, as kubelet does: no settling needed
        Files.writeString(dir.resolve("cm-greeting.yaml"), RouteFiles.constantEndpoint("cm-greeting", "/cm-greeting",
                answer));
        Files.setLastModifiedTime(dir.resolve("cm-greeting.yaml"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        return dir;
    }
}
