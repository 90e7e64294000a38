package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.observe.ClusterKey;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaintenanceOwnerTest {

    @Test
    void roundTripsThroughItsAnnotationValue() {
        MaintenanceOwner owner = MaintenanceOwner.of(new ClusterKey("homelab", "pve"), "pve-ms01-02");

        assertThat(owner.value()).isEqualTo("homelab/pve:pve-ms01-02");
        assertThat(MaintenanceOwner.parse(owner.value())).contains(owner);
    }

    @Test
    void ignoresMarksItCannotRead() {
        Node node = new NodeBuilder()
                .withNewMetadata()
                .withName("n")
                .addToAnnotations(CordonMarks.ANNOTATION, "junk, homelab/pve:pve-a ,/x:y,a/:b,a/b:")
                .endMetadata()
                .build();

        assertThat(CordonMarks.owners(node))
                .containsExactly(MaintenanceOwner.of(new ClusterKey("homelab", "pve"), "pve-a"));
    }
}
