package dev.underlay.controller.support.disruption;

import dev.underlay.observe.ClusterKey;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DisruptionHolderTest {

    @Test
    void maintenanceRoundTripsThroughTheFormEarlierVersionsWrote() {
        DisruptionHolder holder = DisruptionHolder.maintenance(new ClusterKey("homelab", "pve"), "pve-ms01-02");

        assertThat(holder.value()).isEqualTo("homelab/pve:pve-ms01-02");
        assertThat(DisruptionHolder.parse(holder.value())).contains(holder);
    }

    @Test
    void restartRoundTripsAndIsNoMaintenanceMark() {
        DisruptionHolder holder = DisruptionHolder.restart("homelab", "talos-cp-01");

        assertThat(holder.value()).isEqualTo("restart:homelab/talos-cp-01");
        assertThat(DisruptionHolder.parse(holder.value())).contains(holder);
        assertThat(DisruptionHolder.Maintenance.parse(holder.value())).isEmpty();
        assertThat(holder.describe()).isEqualTo("restart of TalosNodeVM homelab/talos-cp-01");
    }

    @Test
    void ignoresMarksItCannotRead() {
        Node node = new NodeBuilder()
                .withNewMetadata()
                .withName("n")
                .addToAnnotations(
                        DisruptionMarks.ANNOTATION,
                        "junk, homelab/pve:pve-a ,/x:y,a/:b,a/b:,restart:,restart:a/,restart:a/b/c, restart:ns/vm")
                .endMetadata()
                .build();

        assertThat(DisruptionMarks.holders(node))
                .containsExactly(
                        DisruptionHolder.maintenance(new ClusterKey("homelab", "pve"), "pve-a"),
                        DisruptionHolder.restart("ns", "vm"));
    }
}
