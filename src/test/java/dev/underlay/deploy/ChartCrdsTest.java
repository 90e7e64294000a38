package dev.underlay.deploy;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.underlay.deploy.RepositoryPaths.CHART_CRDS;
import static dev.underlay.deploy.RepositoryPaths.CRDS;
import static dev.underlay.deploy.RepositoryPaths.SYNC;
import static dev.underlay.deploy.RepositoryPaths.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart ships deploy/crds unchanged in crds/, which Helm installs before the templates and never upgrades or
 * deletes (so uninstalling keeps every Underlay resource).
 */
class ChartCrdsTest {

    static final String REFRESH = "./mvnw -B test -Dtest=ChartCrdsTest -Dunderlay.sync=true";

    private static final List<String> CRD_NAMES = List.of(
            "backuppolicies.underlay.dev",
            "cephpools.underlay.dev",
            "proxmoxclusters.underlay.dev",
            "talosnodevms.underlay.dev");

    @BeforeAll
    static void refreshIfAsked() throws IOException {
        if (!SYNC) {
            return;
        }
        List<String> generated = yamlFiles(CRDS);
        for (String stale : yamlFiles(CHART_CRDS)) {
            if (!generated.contains(stale)) {
                Files.delete(CHART_CRDS.resolve(stale));
            }
        }
        for (String file : generated) {
            CommittedCopy.refreshIfAsked(CHART_CRDS.resolve(file), Files.readAllBytes(CRDS.resolve(file)));
        }
    }

    @Test
    void chartCrdsAreByteCopiesOfDeployCrds() throws IOException {
        List<String> generated = yamlFiles(CRDS);
        for (String file : generated) {
            CommittedCopy.assertCurrent(CHART_CRDS.resolve(file), Files.readAllBytes(CRDS.resolve(file)), REFRESH);
        }
        assertThat(yamlFiles(CHART_CRDS))
                .as("helm/underlay/crds has files deploy/crds lacks; refresh with " + REFRESH)
                .containsExactlyElementsOf(generated);
    }

    @Test
    void helmLoadsDeployCrdsUnchanged() throws IOException {
        // helm show crds prints each file of crds/ in name order, followed by a newline
        StringBuilder expected = new StringBuilder();
        for (String file : yamlFiles(CRDS)) {
            expected.append(read(CRDS.resolve(file))).append('\n');
        }

        assertThat(UnderlayChart.showCrds()).isEqualTo(expected.toString());
    }

    @Test
    void eachCrdFileHoldsOneUnderlayCrd() throws IOException {
        List<CustomResourceDefinition> crds = yamlFiles(CHART_CRDS).stream()
                .map(file -> Manifests.parse(read(CHART_CRDS.resolve(file))).ofType(CustomResourceDefinition.class))
                .peek(inFile -> assertThat(inFile).hasSize(1))
                .map(inFile -> inFile.get(0))
                .collect(Collectors.toList());

        assertThat(crds).extracting(crd -> crd.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(CRD_NAMES);
        assertThat(crds).allSatisfy(crd -> {
            assertThat(crd.getSpec().getGroup()).isEqualTo("underlay.dev");
            assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        });
    }

    private static List<String> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yml") || n.endsWith(".yaml"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }
}
