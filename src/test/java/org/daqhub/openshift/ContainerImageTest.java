package org.daqhub.openshift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's build and start, checked without building it (containers cannot run on these
 * machines): two stages from pinned base images, a non-root user, and an entrypoint that honours
 * JAVA_OPTS and sizes heap and direct memory from the container's memory limit.
 */
class ContainerImageTest {

    private static final Path CONTAINERFILE = Path.of("openshift/Containerfile");

    @TempDir
    Path dir;

    @Test
    void buildsFromTheSourcesInTwoStagesOnPinnedBasesAndRunsAsNonRoot() throws IOException {
        List<String> lines = Files.readAllLines(CONTAINERFILE);
        List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).hasSize(2);
        assertThat(from.get(0)).contains(" AS build");
        assertThat(from).allSatisfy(f -> assertThat(f.split("\\s+")[1]).matches(".+:\\d+(\\.\\d+)*(@sha256:.+)?"));
        assertThat(lines).anyMatch(l -> l.contains("mvn -B -q package"));
        assertThat(lines).anyMatch(l -> l.startsWith("COPY --from=build"));
        String lastUser = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        assertThat(lastUser).isEqualTo("USER 185");
        assertThat(lines).filteredOn(l -> l.startsWith("EXPOSE")).containsExactly("EXPOSE 8080");
        assertThat(lines).contains("ENTRYPOINT [\"/deployments/entrypoint.sh\"]");
    }

    @Test
    void theEntrypointSizesTheJvmFromTheContainersMemoryAndHonoursJavaOpts() throws Exception {
        Path limit = Files.writeString(dir.resolve("memory.max"), "4294967296\n");
        String command = dryRun(Map.of("DAQHUB_CGROUP_MEMORY_FILE", limit.toString(),
                "JAVA_OPTS", "-Dsite=psi -XX:MaxDirectMemorySize=3g"), "--daqhub.capabilities=detector,writer");
        assertThat(command).startsWith("java -XX:MaxGCPauseMillis=20 -Xmx1638m -XX:MaxDirectMemorySize=1228m ")
                .contains(" -Dsite=psi -XX:MaxDirectMemorySize=3g -jar /deployments/daq-hub.jar")
                .endsWith("--daqhub.capabilities=detector,writer");
        // JAVA_OPTS comes after the computed flags: the JVM takes the last, so the operator's wins
        assertThat(command.indexOf("MaxDirectMemorySize=3g")).isGreaterThan(command.indexOf("MaxDirectMemorySize=1228m"));

        Files.writeString(limit, "max\n");
        assertThat(dryRun(Map.of("DAQHUB_CGROUP_MEMORY_FILE", limit.toString()))).isEqualTo(
                "java -XX:MaxGCPauseMillis=20 -XX:MaxRAMPercentage=40 -jar /deployments/daq-hub.jar");
    }

    private static String dryRun(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("sh", "openshift/entrypoint.sh"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DAQHUB_DRY_RUN", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
