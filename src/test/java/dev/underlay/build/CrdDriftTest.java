package dev.underlay.build;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed CRDs are exactly what the API types generate, and the Helm chart ships the same bytes. On failure the
 * message carries the command that refreshes them.
 */
class CrdDriftTest {

    private static final Path GENERATED = Path.of("target", "crds");
    private static final String REFRESH = "deploy/crds is stale; refresh it with: " + SyncManifests.COMMAND;

    @Test
    void deployCrdsMatchTheGeneratedCrds() throws IOException {
        SortedMap<String, String> generated = CrdGeneration.generate();
        SyncManifests.replaceYamlFiles(GENERATED, generated);

        List<String> committed = SyncManifests.yamlFiles(SyncManifests.CRDS).stream()
                .map(p -> p.getFileName().toString())
                .toList();
        assertThat(committed).as(REFRESH).containsExactlyElementsOf(generated.keySet());
        for (String name : generated.keySet()) {
            assertThat(Files.readString(SyncManifests.CRDS.resolve(name)))
                    .as(REFRESH + " (" + name + " differs from target/crds/" + name + ")")
                    .isEqualTo(generated.get(name));
        }
    }

    @Test
    void helmChartCrdsAreAByteCopyOfDeployCrds() throws IOException {
        if (!Files.isDirectory(SyncManifests.HELM_CRDS)) {
            assertThat(Files.isDirectory(SyncManifests.HELM_CHART))
                    .as("the chart exists but has no crds/; " + SyncManifests.COMMAND)
                    .isFalse();
            return;
        }
        String refresh = "helm/underlay/crds differs from deploy/crds; refresh with: " + SyncManifests.COMMAND;
        List<Path> deployed = SyncManifests.yamlFiles(SyncManifests.CRDS);
        assertThat(SyncManifests.yamlFiles(SyncManifests.HELM_CRDS).stream()
                        .map(Path::getFileName)
                        .map(Path::toString))
                .as(refresh)
                .containsExactlyElementsOf(
                        deployed.stream().map(p -> p.getFileName().toString()).toList());
        for (Path file : deployed) {
            assertThat(Files.readAllBytes(SyncManifests.HELM_CRDS.resolve(file.getFileName())))
                    .as(refresh + " (" + file.getFileName() + ")")
                    .isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void generationIsStable() {
        assertThat(CrdGeneration.generate()).isEqualTo(CrdGeneration.generate());
    }
}
