package dev.underlay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KubeJsonPathTest {

    private static final JsonNode VM = Json.read("""
            {"metadata": {"name": "talos-cp-01", "labels": {"app.kubernetes.io/name": "underlay"}},
             "status": {"vmid": 101, "ipAddresses": ["10.8.16.21", "10.8.28.21"], "kubernetesNodeReady": false,
                        "conditions": [{"type": "Provisioned", "status": "True", "reason": "Created"},
                                       {"type": "Ready", "status": "False", "reason": "ClusterNotFound"}]}}
            """);

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                ".status.vmid                                   | $.status.vmid",
                "{.status.vmid}                                 | $.status.vmid",
                ".status.ipAddresses[0]                         | $.status.ipAddresses[0]",
                ".status.conditions[?(@.type==\"Ready\")].status | $.status.conditions[?(@.type==\"Ready\")].status",
                ".metadata.labels.app\\.kubernetes\\.io/name       | $.metadata.labels['app.kubernetes.io/name']",
                "..reason                                       | $..reason"
            })
    void translatesKubernetesSyntaxToJayway(String kubernetes, String jayway) {
        assertThat(KubeJsonPath.toJayway(kubernetes)).isEqualTo(jayway);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                ".status.vmid                                    | 101",
                ".status.ipAddresses[0]                          | \"10.8.16.21\"",
                ".status.ipAddresses[1]                          | \"10.8.28.21\"",
                ".status.conditions[?(@.type==\"Ready\")].status  | \"False\"",
                ".status.conditions[?(@.type==\"Ready\")].reason  | \"ClusterNotFound\"",
                ".status.conditions[?(@.type=='Provisioned')].reason | \"Created\"",
                ".status.kubernetesNodeReady                     | false",
                ".metadata.labels.app\\.kubernetes\\.io/name        | \"underlay\"",
                "..reason                                        | \"Created\""
            })
    void selectsTheFirstMatch(String path, String expectedJson) {
        assertThat(KubeJsonPath.compile(path).firstValue(VM)).contains(Json.read(expectedJson));
    }

    @ParameterizedTest
    @CsvSource({
        ".status.node",
        ".status.ipAddresses[5]",
        ".status.conditions[?(@.type==\"Migrating\")].status",
        ".spec.disks[0].sizeGiB"
    })
    void selectsNothingWhereThePathLeadsNowhere(String path) {
        assertThat(KubeJsonPath.compile(path).firstValue(VM)).isEmpty();
    }

    @Test
    void treatsJsonNullAsAbsent() {
        assertThat(KubeJsonPath.compile(".status.node").firstValue(Json.read("{\"status\":{\"node\":null}}")))
                .isEqualTo(Optional.empty());
    }
}
