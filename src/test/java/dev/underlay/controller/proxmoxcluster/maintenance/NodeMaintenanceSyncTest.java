package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.api.v1alpha1.proxmoxcluster.MaintenanceSpec;
import dev.underlay.controller.support.disruption.DisruptionMarks;
import dev.underlay.proxmox.model.CephFlag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState.Draining;
import static dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState.InMaintenance;
import static dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState.None;
import static dev.underlay.simulator.pve.PveSimulatorBuilder.AIMAX_01;
import static dev.underlay.simulator.pve.PveSimulatorBuilder.MS01_01;
import static dev.underlay.simulator.pve.PveSimulatorBuilder.MS01_02;
import static dev.underlay.simulator.pve.PveVersion.PVE_8_4;
import static dev.underlay.simulator.pve.PveVersion.PVE_9_1;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Maintenance of one node of the seed cluster (three Talos control-plane VMs, one per node, plus a plain, an
 * HA-managed and a stopped guest on pve-ms01-02), stepped the way the cluster observer drives it.
 */
class NodeMaintenanceSyncTest {

    static MaintenanceSpec entry(String node, String reason, boolean cephNoOut) {
        return new MaintenanceSpec(node, reason, cephNoOut);
    }

    @Test
    void evacuatesTheNodeOnPve84AndUndoesEverythingOnExit() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_8_4, MaintenanceRig::extraGuests)) {
            rig.pod("apps", "web-0", "talos-k8s-02", "ReplicaSet");
            rig.pod("kube-system", "cilium-x2", "talos-k8s-02", "DaemonSet");
            rig.mirrorPod("kube-system", "kube-apiserver-talos-k8s-02", "talos-k8s-02");
            rig.pod("apps", "web-1", "talos-k8s-01", "ReplicaSet");
            rig.maintenance(entry(MS01_02, "BIOS update", true));

            MaintenanceOutcome done = rig.stepUntil(o -> o.of(MS01_02).state() == InMaintenance, 40);

            assertThat(done.of(MS01_02).message()).isEqualTo("In maintenance: BIOS update");
            assertThat(rig.snapshot().guestsOn(MS01_02)).isEmpty();
            Map<Integer, String> placement = rig.placement();
            assertThat(placement).containsEntry(101, MS01_01).containsEntry(103, AIMAX_01);
            assertThat(List.of(102, 104, 105, 106))
                    .allSatisfy(vmid -> assertThat(placement.get(vmid)).isIn(MS01_01, AIMAX_01));
            assertThat(rig.api.cephFlag(CephFlag.NOOUT)).isTrue();
            assertThat(done.cephNoOutSetByOperator()).isTrue();
            assertThat(rig.cordoned("talos-k8s-02")).isTrue();
            assertThat(rig.cordoned("talos-k8s-01")).isFalse();
            assertThat(rig.cordoned("talos-k8s-03")).isFalse();
            assertThat(rig.podsOn("talos-k8s-02"))
                    .containsExactly("kube-system/cilium-x2", "kube-system/kube-apiserver-talos-k8s-02");
            assertThat(rig.dispatcher.evictions()).containsExactly("apps/web-0");
            assertThat(rig.podsOn("talos-k8s-01")).containsExactly("apps/web-1");

            List<String> mutations = rig.mutations();
            assertThat(mutations)
                    .containsOnlyOnce(
                            "POST /cluster/ha/resources/vm:105/migrate",
                            "POST /nodes/pve-ms01-02/qemu/102/migrate",
                            "POST /nodes/pve-ms01-02/qemu/104/migrate",
                            "POST /nodes/pve-ms01-02/qemu/106/migrate");
            assertThat(mutations)
                    .doesNotContain("POST /nodes/pve-ms01-02/qemu/105/migrate")
                    .noneMatch(m -> m.contains("bulk-action"));
            assertThat(rig.sim.journal().entries().stream()
                            .filter(e -> e.method().equals("GET")
                                    && e.path().matches("/nodes/pve-ms01-02/qemu/\\d+/migrate")))
                    .as("one migrate precondition per guest: answers are reused for a minute")
                    .hasSize(4);
            int firstMigration = mutations.indexOf("POST /nodes/pve-ms01-02/qemu/102/migrate");
            assertThat(mutations.indexOf("PUT /cluster/ceph/flags/noout"))
                    .isGreaterThanOrEqualTo(0)
                    .isLessThan(firstMigration);

            rig.maintenance();
            MaintenanceOutcome after = rig.step();

            assertThat(after.of(MS01_02).state()).isEqualTo(None);
            assertThat(after.cephNoOutSetByOperator()).isFalse();
            assertThat(rig.api.cephFlag(CephFlag.NOOUT)).isFalse();
            assertThat(rig.cordoned("talos-k8s-02")).isFalse();
            // the mock keeps a key merge-patched to null (the API server drops it): read it as the operator does
            assertThat(DisruptionMarks.holders(rig.kubeNode("talos-k8s-02"))).isEmpty();
            assertThat(rig.placement()).as("guests are not moved back").isEqualTo(placement);
            assertThat(rig.transitions(MS01_02)).containsExactly(Draining, InMaintenance, None);
            assertThat(rig.worstControlPlaneUnavailable).isEqualTo(1);
        }
    }

    @Test
    void prefersBulkMigrationOnPve91AndStillMovesHaGuestsThroughHa() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_9_1, MaintenanceRig::extraGuests)) {
            rig.maintenance(entry(MS01_02, "kernel update", false));

            rig.stepUntil(o -> o.of(MS01_02).state() == InMaintenance, 40);

            assertThat(rig.snapshot().guestsOn(MS01_02)).isEmpty();
            List<String> mutations = rig.mutations();
            long bulk = mutations.stream()
                    .filter(m -> m.equals("POST /cluster/bulk-action/guest/migrate"))
                    .count();
            assertThat(bulk).as("one bulk task per target node").isBetween(1L, 2L);
            assertThat(mutations)
                    .noneMatch(m -> m.matches("POST /nodes/.*/qemu/\\d+/migrate"))
                    .containsOnlyOnce("POST /cluster/ha/resources/vm:105/migrate")
                    .noneMatch(m -> m.contains("ceph/flags"));
            assertThat(rig.last().orElseThrow().cephNoOutSetByOperator()).isFalse();
        }
    }

    @Test
    void leavesSomeoneElsesNoOutAlone() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_8_4, b -> {})) {
            rig.api.setCephFlag(CephFlag.NOOUT, true);
            rig.sim.journal().clear();
            rig.maintenance(entry(MS01_02, "RAM upgrade", true));

            MaintenanceOutcome done = rig.stepUntil(o -> o.of(MS01_02).state() == InMaintenance, 30);
            assertThat(done.cephNoOutSetByOperator()).isFalse();

            rig.maintenance();
            MaintenanceOutcome after = rig.step();

            assertThat(after.of(MS01_02).state()).isEqualTo(None);
            assertThat(rig.api.cephFlag(CephFlag.NOOUT))
                    .as("noout set by a person stays set")
                    .isTrue();
            assertThat(rig.mutations()).doesNotContain("PUT /cluster/ceph/flags/noout");
        }
    }

    @Test
    void aNodeDownForItsMaintenanceStaysInMaintenance() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_8_4, MaintenanceRig::extraGuests)) {
            rig.maintenance(entry(MS01_02, "BIOS update", true));
            rig.stepUntil(o -> o.of(MS01_02).state() == InMaintenance, 40);

            rig.sim.faults().nodeOffline(MS01_02);
            MaintenanceOutcome rebooting = rig.step();

            assertThat(rebooting.of(MS01_02).state()).isEqualTo(InMaintenance);
            assertThat(rebooting.of(MS01_02).message())
                    .isEqualTo("In maintenance: BIOS update (pve-ms01-02 is offline)");
            assertThat(rebooting.cephNoOutSetByOperator()).isTrue();
            assertThat(rig.api.cephFlag(CephFlag.NOOUT)).isTrue();

            rig.sim.faults().nodeOnline(MS01_02);
            assertThat(rig.step().of(MS01_02).message()).isEqualTo("In maintenance: BIOS update");
        }
    }
}
