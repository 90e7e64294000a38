package dev.underlay.deploy;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.underlay.deploy.RepositoryPaths.CHART;
import static dev.underlay.deploy.RepositoryPaths.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChartMetadataTest {

    @Test
    void chartYamlDeclaresVersionsAndTheKubernetesFloor() {
        @SuppressWarnings("unchecked")
        Map<String, Object> chart = Manifests.SERIALIZATION.unmarshal(read(CHART.resolve("Chart.yaml")), Map.class);

        assertThat(chart)
                .containsEntry("apiVersion", "v2")
                .containsEntry("name", "underlay")
                .containsEntry("type", "application")
                .containsEntry("appVersion", "0.1.0")
                // CEL transition rules (oldSelf) in the CRDs are GA from 1.27
                .containsEntry("kubeVersion", ">=1.27.0-0");
    }

    @Test
    void lintStrictReportsNothingAboveInfo() {
        LintResult result = UnderlayChart.lintStrict();

        assertThat(result.isFailed())
                .as("helm lint --strict failed: %s", result.getMessages())
                .isFalse();
        assertThat(result.getMessages())
                .allSatisfy(message -> assertThat(message).startsWith("[INFO]"));
    }

    @Test
    void kubeVersionConstraintRefusesOlderClusters() {
        // helm-java renders for Kubernetes v1.20.0: the committed chart must refuse it
        assertThatThrownBy(UnderlayChart::templateAsCommitted)
                .hasMessageContaining("chart requires kubeVersion: >=1.27.0-0")
                .hasMessageContaining("v1.20.0");
    }
}
