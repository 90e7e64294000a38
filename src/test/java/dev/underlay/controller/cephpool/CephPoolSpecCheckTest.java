package dev.underlay.controller.cephpool;

import dev.underlay.api.v1alpha1.cephpool.CephPool;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CephPoolSpecCheckTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "size: 3, minSize: 2, pgNum: 128          | ",
                "size: 2, minSize: 1                      | ",
                "size: 3, minSize: 4                      | spec.minSize (4) must be less than or equal to spec.size (3)",
                "size: 9                                  | spec.size must be between 1 and 7",
                "pgNum: 100                               | spec.pgNum must be a power of two",
                "pgAutoscaleMode: 'off'                   | spec.pgNum is required when spec.pgAutoscaleMode is off",
                "targetSizeRatio: 1.5                     | spec.targetSizeRatio must be between 0 and 1",
            })
    void rules(String fields, String expected) {
        CephPool pool = YAML.unmarshal("""
                apiVersion: underlay.dev/v1alpha1
                kind: CephPool
                metadata: {name: p, namespace: ns}
                spec: {clusterRef: {name: homelab}, %s}
                """.formatted(fields), CephPool.class);
        if (expected == null) {
            assertThatCode(() -> CephPoolSpecCheck.check(pool)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> CephPoolSpecCheck.check(pool)).hasMessageContaining(expected);
        }
    }
}
