package dev.underlay.controller.proxmoxcluster.maintenance;

import org.junit.jupiter.api.Test;

import static dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState.Draining;
import static dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState.InMaintenance;
import static dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState.None;
import static dev.underlay.controller.proxmoxcluster.maintenance.NodeMaintenanceSyncTest.entry;
import static dev.underlay.simulator.pve.PveSimulatorBuilder.MS01_01;
import static dev.underlay.simulator.pve.PveSimulatorBuilder.MS01_02;
import static dev.underlay.simulator.pve.PveVersion.PVE_8_4;
import static org.assertj.core.api.Assertions.assertThat;

/** The Kubernetes side: at most one control-plane node unavailable, PodDisruptionBudgets respected. */
class MaintenanceSafetyTest {

    @Test
    void aSecondMaintenanceWaitsWhileAControlPlaneNodeIsCordonedForTheFirst() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_8_4, MaintenanceRig::extraGuests)) {
            rig.maintenance(entry(MS01_01, "firmware", true), entry(MS01_02, "firmware", true));

            MaintenanceOutcome first = rig.stepUntil(o -> o.of(MS01_01).state() == InMaintenance, 40);

            assertThat(first.of(MS01_02).state()).isEqualTo(None);
            assertThat(first.of(MS01_02).message())
                    .isEqualTo(
                            "Waiting: control-plane talos-k8s-01 is cordoned for maintenance homelab/homelab:pve-ms01-01");
            assertThat(rig.cordoned("talos-k8s-01")).isTrue();
            assertThat(rig.cordoned("talos-k8s-02")).isFalse();
            assertThat(rig.snapshot().guestsOn(MS01_02)).hasSize(4);

            rig.maintenance(entry(MS01_02, "firmware", true));
            MaintenanceOutcome second = rig.stepUntil(o -> o.of(MS01_02).state() == InMaintenance, 40);

            assertThat(second.of(MS01_01).state()).isEqualTo(None);
            assertThat(rig.cordoned("talos-k8s-01")).isFalse();
            assertThat(rig.cordoned("talos-k8s-02")).isTrue();
            assertThat(second.cephNoOutSetByOperator())
                    .as("still wanted by the remaining entry")
                    .isTrue();
            assertThat(rig.worstControlPlaneUnavailable).isEqualTo(1);
        }
    }

    @Test
    void waitsWhileAnotherControlPlaneNodeIsNotReady() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_8_4, MaintenanceRig::extraGuests)) {
            rig.setReady("talos-k8s-03", false);
            rig.maintenance(entry(MS01_02, "firmware", true));

            MaintenanceOutcome waiting = rig.step();

            assertThat(waiting.of(MS01_02).state()).isEqualTo(None);
            assertThat(waiting.of(MS01_02).message()).isEqualTo("Waiting: control-plane talos-k8s-03 is not Ready");
            assertThat(waiting.inProgress()).isTrue();
            assertThat(rig.cordoned("talos-k8s-02")).isFalse();
            assertThat(rig.mutations()).isEmpty();

            rig.setReady("talos-k8s-03", true);
            rig.stepUntil(o -> o.of(MS01_02).state() == InMaintenance, 40);
            assertThat(rig.cordoned("talos-k8s-02")).isTrue();
        }
    }

    @Test
    void aPodDisruptionBudgetHoldsTheDrainAndTheMessageSaysWhy() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_8_4, MaintenanceRig::extraGuests)) {
            rig.pod("apps", "web-0", "talos-k8s-02", "ReplicaSet");
            rig.pod("apps", "db-0", "talos-k8s-02", "StatefulSet");
            rig.dispatcher.protect("apps/db-0");
            rig.maintenance(entry(MS01_02, "firmware", true));

            rig.step();
            MaintenanceOutcome held = rig.step();

            assertThat(held.of(MS01_02).state()).isEqualTo(Draining);
            assertThat(held.of(MS01_02).message())
                    .isEqualTo("Waiting: draining talos-k8s-02: 1 pod left, eviction "
                            + "refused by a PodDisruptionBudget for apps/db-0 (half-drained: talos-k8s-02 cordoned, "
                            + "4 guests still on pve-ms01-02)");
            assertThat(rig.dispatcher.evictions()).containsExactly("apps/web-0");
            assertThat(rig.dispatcher.refusedEvictions()).containsExactly("apps/db-0", "apps/db-0");
            assertThat(rig.mutations())
                    .as("no guest moves and no noout before the node is drained")
                    .isEmpty();

            rig.dispatcher.unprotect("apps/db-0");
            rig.stepUntil(o -> o.of(MS01_02).state() == InMaintenance, 40);
            assertThat(rig.podsOn("talos-k8s-02")).isEmpty();
        }
    }

    @Test
    void aTalosVmWithoutKubernetesNodeIsSkippedWithANote() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_8_4, b -> {})) {
            rig.kube.nodes().withName("talos-k8s-02").delete();
            rig.maintenance(entry(MS01_02, "new NVMe", false));

            MaintenanceOutcome done = rig.stepUntil(o -> o.of(MS01_02).state() == InMaintenance, 20);

            assertThat(done.of(MS01_02).message())
                    .isEqualTo(
                            "In maintenance: new NVMe (talos-k8s-02 has no Kubernetes node talos-k8s-02, not drained)");
            assertThat(rig.snapshot().guestsOn(MS01_02)).isEmpty();
        }
    }
}
