package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.simulator.pve.VmSeed;
import org.junit.jupiter.api.Test;

import static dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState.Draining;
import static dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState.InMaintenance;
import static dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState.None;
import static dev.underlay.controller.proxmoxcluster.maintenance.NodeMaintenanceSyncTest.entry;
import static dev.underlay.simulator.pve.PveSimulatorBuilder.AIMAX_01;
import static dev.underlay.simulator.pve.PveSimulatorBuilder.MS01_01;
import static dev.underlay.simulator.pve.PveSimulatorBuilder.MS01_02;
import static dev.underlay.simulator.pve.PveVersion.PVE_8_4;
import static dev.underlay.simulator.pve.PveVersion.PVE_9_1;
import static org.assertj.core.api.Assertions.assertThat;

/** Maintenance that cannot (yet) complete says why, and touches nothing before it could. */
class MaintenanceRefusalTest {

    @Test
    void aRunningVmWithALocalDiskBlocksTheWholeMaintenanceUpFront() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(
                PVE_8_4,
                b -> MaintenanceRig.extraGuests(b.vm(VmSeed.of(107, MS01_02)
                        .name("pihole")
                        .memoryMiB(1024)
                        .disk("scsi0", "local-zfs", 8)
                        .running())))) {
            rig.maintenance(entry(MS01_02, "BIOS update", true));

            MaintenanceOutcome refused = rig.step();

            assertThat(refused.of(MS01_02).state()).isEqualTo(None);
            assertThat(refused.of(MS01_02).message())
                    .isEqualTo("Blocked: VM 107 has local disk "
                            + "local-zfs:vm-107-disk-0 (a live migration cannot take it: move it to shared storage or stop "
                            + "the VM)");
            assertThat(rig.mutations()).isEmpty();
            assertThat(rig.cordoned("talos-k8s-02")).isFalse();
            assertThat(refused.cephNoOutSetByOperator()).isFalse();
        }
    }

    @Test
    void refusesWhenTheOtherNodesLackTheMemory() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(
                PVE_8_4,
                b -> MaintenanceRig.extraGuests(b.vm(VmSeed.of(110, MS01_01)
                                .name("big-1")
                                .memoryMiB(70 * 1024)
                                .disk("scsi0", "vm-disks", 8)
                                .running())
                        .vm(VmSeed.of(111, AIMAX_01)
                                .name("big-2")
                                .memoryMiB(100 * 1024)
                                .disk("scsi0", "vm-disks", 8)
                                .running())))) {
            rig.maintenance(entry(MS01_02, "BIOS update", true));

            MaintenanceOutcome refused = rig.step();

            // running guests on pve-ms01-02: 16 + 8 + 16 GiB; free: 96 - 4 - 16 - 70 and 128 - 4 - 16 - 100
            assertThat(refused.of(MS01_02).message())
                    .isEqualTo("Blocked: not enough memory on other nodes: need 40 GiB, have 14 GiB");
            assertThat(refused.of(MS01_02).state()).isEqualTo(None);
            assertThat(refused.inProgress()).isTrue();
            assertThat(rig.mutations()).isEmpty();
        }
    }

    @Test
    void waitsWhileAnotherNodeIsOfflineAndSaysWhichOne() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_8_4, MaintenanceRig::extraGuests)) {
            rig.sim.faults().nodeOffline(AIMAX_01);
            rig.maintenance(entry(MS01_02, "BIOS update", true));

            MaintenanceOutcome waiting = rig.step();

            assertThat(waiting.of(MS01_02).state()).isEqualTo(None);
            assertThat(waiting.of(MS01_02).message())
                    .isEqualTo(
                            "Waiting: pve-aimax-01 is offline; taking pve-ms01-02 "
                                    + "out as well could cost the cluster its quorum and leaves too little room for the guests");
            assertThat(rig.mutations()).isEmpty();
            assertThat(rig.cordoned("talos-k8s-02")).isFalse();

            rig.sim.faults().nodeOnline(AIMAX_01);
            rig.stepUntil(o -> o.of(MS01_02).state() == InMaintenance, 40);
        }
    }

    @Test
    void aNodeGoingOfflineMidwaySaysTheClusterIsHalfDrained() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_8_4, MaintenanceRig::extraGuests)) {
            rig.maintenance(entry(MS01_02, "BIOS update", true));
            rig.stepUntil(
                    o -> o.of(MS01_02).state() == Draining
                            && o.of(MS01_02).message().startsWith("Draining: HA moving"),
                    10);

            rig.sim.faults().nodeOffline(AIMAX_01);
            MaintenanceOutcome stuck = rig.step();

            assertThat(stuck.of(MS01_02).state()).isEqualTo(Draining);
            assertThat(stuck.of(MS01_02).message())
                    .startsWith("Waiting: pve-aimax-01 is offline")
                    .containsPattern("\\(half-drained: talos-k8s-02 cordoned, Ceph noout set, \\d guests? still on "
                            + "pve-ms01-02\\)$");
        }
    }

    @Test
    void doesNothingWhileTheClusterIsNotQuorate() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_8_4, MaintenanceRig::extraGuests)) {
            rig.sim.faults().loseQuorum();
            rig.maintenance(entry(MS01_02, "BIOS update", true));

            MaintenanceOutcome waiting = rig.step();

            assertThat(waiting.of(MS01_02).state()).isEqualTo(None);
            assertThat(waiting.of(MS01_02).message()).startsWith("Waiting: the Proxmox cluster is not quorate");
            assertThat(rig.mutations()).isEmpty();
            assertThat(rig.cordoned("talos-k8s-02")).isFalse();
        }
    }

    @Test
    void observePolicyReportsThePlanAndChangesNothing() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_9_1, MaintenanceRig::extraGuests)) {
            rig.pod("apps", "web-0", "talos-k8s-02", "ReplicaSet");
            rig.maintenance("Observe", entry(MS01_02, "BIOS update", true));

            MaintenanceOutcome preview = rig.step();
            rig.step();

            assertThat(preview.of(MS01_02).state()).isEqualTo(None);
            assertThat(preview.of(MS01_02).message())
                    .startsWith("Observe: would cordon and drain talos-k8s-02, set " + "Ceph noout, move vm:102 -> ")
                    .contains("vm:105 -> ", " (via HA)")
                    .endsWith("; managementPolicy is Observe, so nothing is done");
            assertThat(preview.inProgress()).isFalse();
            assertThat(rig.mutations()).isEmpty();
            assertThat(rig.cordoned("talos-k8s-02")).isFalse();
            assertThat(rig.dispatcher.evictions()).isEmpty();
            assertThat(rig.snapshot().guestsOn(MS01_02)).hasSize(4);
        }
    }
}
