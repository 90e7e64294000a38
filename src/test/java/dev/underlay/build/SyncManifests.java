package dev.underlay.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * Writes the generated manifests into the source tree: {@code deploy/crds}, the Helm chart's {@code crds/} (only when
 * the chart exists) and {@code docs/api-reference.md}. Run by the Maven profile {@code sync-manifests}; the drift tests
 * fail with {@link #COMMAND} when a committed copy is stale.
 */
public final class SyncManifests {

    public static final String COMMAND = "./mvnw -Psync-manifests process-test-classes";

    static final Path CRDS = Path.of("deploy", "crds");
    static final Path HELM_CHART = Path.of("helm", "underlay");
    static final Path HELM_CRDS = HELM_CHART.resolve("crds");
    static final Path API_REFERENCE = Path.of("docs", "api-reference.md");

    private SyncManifests() {}

    public static void main(String[] args) {
        Path project = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        SortedMap<String, String> crds = CrdGeneration.generate();
        replaceYamlFiles(project.resolve(CRDS), crds);
        if (Files.isDirectory(project.resolve(HELM_CHART))) {
            replaceYamlFiles(project.resolve(HELM_CRDS), crds);
        }
        write(project.resolve(API_REFERENCE), ApiReference.render(ApiReference.parse(crds.values())));
        System.out.println("[sync-manifests] wrote " + crds.keySet() + " and " + API_REFERENCE + " under " + project);
    }

    /** Makes {@code dir} hold exactly {@code files} among its YAML files. */
    static void replaceYamlFiles(Path dir, Map<String, String> files) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> existing = Files.list(dir)) {
                for (Path stale : existing.filter(SyncManifests::isYaml)
                        .filter(p -> !files.containsKey(p.getFileName().toString()))
                        .toList()) {
                    Files.delete(stale);
                }
            }
            files.forEach((name, text) -> write(dir.resolve(name), text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> yamlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(SyncManifests::isYaml).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isYaml(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
