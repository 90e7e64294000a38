package dev.underlay.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.underlay.deploy.RepositoryPaths.CHART;
import static dev.underlay.deploy.RepositoryPaths.ROOT;
import static dev.underlay.deploy.RepositoryPaths.TEST_VALUES;

/**
 * Runs real Helm (helm-java's bundled Go library) on {@code helm/underlay}.
 *
 * <p>helm-java 0.0.15's {@code template} has no {@code --kube-version} and renders for Kubernetes v1.20.0, which
 * the chart's {@code kubeVersion: >=1.27.0-0} rightly refuses. So templates render from a copy under {@code target/}
 * whose Chart.yaml lacks only that line; {@link ChartMetadataTest} proves the constraint itself still bites.
 */
final class UnderlayChart {

    static final String RELEASE = "underlay";
    static final String NAMESPACE = "underlay-system";

    private static final Path RENDERABLE_COPY = ROOT.resolve("target/helm-under-test/underlay");
    private static boolean copied;

    private UnderlayChart() {}

    static LintResult lintStrict() {
        return new Helm(CHART).lint().strict().call();
    }

    /** {@code helm template} of the chart as committed, kubeVersion included. */
    static String templateAsCommitted() {
        return new Helm(CHART)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .call();
    }

    /** {@code helm template underlay helm/underlay -n underlay-system} with value files from src/test/resources/deploy. */
    static String template(List<String> valuesFiles, Map<String, Object> sets) {
        TemplateCommand command =
                new Helm(renderableCopy()).template().withName(RELEASE).withNamespace(NAMESPACE);
        valuesFiles.forEach(file -> command.withValuesFile(TEST_VALUES.resolve(file)));
        sets.forEach(command::set);
        return command.call();
    }

    static String template(Path valuesFile) {
        return new Helm(renderableCopy())
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withValuesFile(valuesFile)
                .call();
    }

    static Manifests render() {
        return Manifests.parse(template(List.of(), Map.of()));
    }

    static Manifests render(String valuesFile) {
        return Manifests.parse(template(List.of(valuesFile), Map.of()));
    }

    static Manifests render(Map<String, Object> sets) {
        return Manifests.parse(template(List.of(), sets));
    }

    static String showCrds() {
        return new Helm(CHART).show().crds().call();
    }

    private static synchronized Path renderableCopy() {
        if (!copied) {
            copyWithoutKubeVersion();
            copied = true;
        }
        return RENDERABLE_COPY;
    }

    private static void copyWithoutKubeVersion() {
        try {
            if (Files.exists(RENDERABLE_COPY)) {
                try (Stream<Path> old = Files.walk(RENDERABLE_COPY)) {
                    for (Path p : old.sorted((a, b) -> b.compareTo(a)).collect(Collectors.toList())) {
                        Files.delete(p);
                    }
                }
            }
            try (Stream<Path> files = Files.walk(CHART)) {
                for (Path source : files.collect(Collectors.toList())) {
                    Path target =
                            RENDERABLE_COPY.resolve(CHART.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            Path chartYaml = RENDERABLE_COPY.resolve("Chart.yaml");
            List<String> lines = Files.readAllLines(chartYaml);
            List<String> kept =
                    lines.stream().filter(l -> !l.startsWith("kubeVersion:")).collect(Collectors.toList());
            if (lines.size() - kept.size() != 1) {
                throw new IllegalStateException("expected one kubeVersion line in " + chartYaml);
            }
            Files.write(chartYaml, kept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
