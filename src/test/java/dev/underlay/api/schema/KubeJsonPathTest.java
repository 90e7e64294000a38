package dev.underlay.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubeJsonPathTest {

    private static final JsonNode OBJECT = Yaml.documents("""
            metadata: {name: vm, labels: {app.kubernetes.io/name: talos}}
            status:
              ipAddresses: [10.8.16.20, 10.8.28.5]
              vmid: 101
              conditions:
                - {type: Provisioned, status: "True"}
                - {type: Ready, status: "False", reason: ClusterNotFound, observedGeneration: 3}
            """).get(0);

    private static List<String> find(String path) {
        return KubeJsonPath.parse(path).find(OBJECT).stream()
                .map(JsonNode::asText)
                .toList();
    }

    @Test
    void fieldsIndexesAndWildcards() {
        assertThat(find(".status.vmid")).containsExactly("101");
        assertThat(find(".status.ipAddresses[0]")).containsExactly("10.8.16.20");
        assertThat(find(".status.ipAddresses[-1]")).containsExactly("10.8.28.5");
        assertThat(find(".status.ipAddresses[*]")).containsExactly("10.8.16.20", "10.8.28.5");
        assertThat(find(".status.conditions[*].type")).containsExactly("Provisioned", "Ready");
        assertThat(find(".metadata.labels['app.kubernetes.io/name']")).containsExactly("talos");
        assertThat(find("{.status.vmid}")).containsExactly("101");
    }

    @Test
    void filtersCompareAFieldWithALiteral() {
        assertThat(find(".status.conditions[?(@.type==\"Ready\")].status")).containsExactly("False");
        assertThat(find(".status.conditions[?(@.type=='Ready')].reason")).containsExactly("ClusterNotFound");
        assertThat(find(".status.conditions[?(@.type!=\"Ready\")].type")).containsExactly("Provisioned");
        assertThat(find(".status.conditions[?(@.observedGeneration==3)].type")).containsExactly("Ready");
        assertThat(find(".status.conditions[?(@.reason==\"ClusterNotFound\")].type"))
                .containsExactly("Ready");
    }

    @Test
    void missingValuesYieldNothing() {
        assertThat(find(".status.node")).isEmpty();
        assertThat(find(".status.ipAddresses[5]")).isEmpty();
        assertThat(find(".status.conditions[?(@.type==\"InSync\")].status")).isEmpty();
        assertThat(find(".status.vmid.deeper")).isEmpty();
    }

    @Test
    void unsupportedSyntaxIsRejected() {
        assertThatThrownBy(() -> KubeJsonPath.parse("..status")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KubeJsonPath.parse(".status.conditions[0:2]"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KubeJsonPath.parse(".status.conditions[?(@.type=~/R/)]"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KubeJsonPath.parse("status")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void agesFollowKubectl() {
        assertThat(PrinterColumns.humanDuration(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
        assertThat(PrinterColumns.humanDuration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(PrinterColumns.humanDuration(Duration.ofSeconds(119))).isEqualTo("119s");
        assertThat(PrinterColumns.humanDuration(Duration.ofSeconds(270))).isEqualTo("4m30s");
        assertThat(PrinterColumns.humanDuration(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(PrinterColumns.humanDuration(Duration.ofMinutes(95))).isEqualTo("95m");
        assertThat(PrinterColumns.humanDuration(Duration.ofMinutes(5 * 60 + 30)))
                .isEqualTo("5h30m");
        assertThat(PrinterColumns.humanDuration(Duration.ofHours(20))).isEqualTo("20h");
        assertThat(PrinterColumns.humanDuration(Duration.ofHours(76))).isEqualTo("3d4h");
        assertThat(PrinterColumns.humanDuration(Duration.ofDays(40))).isEqualTo("40d");
        assertThat(PrinterColumns.humanDuration(Duration.ofDays(365 * 3 + 10))).isEqualTo("3y10d");
        assertThat(PrinterColumns.humanDuration(Duration.ofDays(365 * 9))).isEqualTo("9y");
    }
}
