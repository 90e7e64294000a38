package dev.underlay.controller.proxmoxcluster.maintenance;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState.Draining;
import static dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState.InMaintenance;
import static dev.underlay.controller.proxmoxcluster.maintenance.NodeMaintenanceSyncTest.entry;
import static dev.underlay.simulator.pve.PveSimulatorBuilder.MS01_02;
import static dev.underlay.simulator.pve.PveVersion.PVE_8_4;
import static dev.underlay.simulator.pve.PveVersion.PVE_9_1;
import static org.assertj.core.api.Assertions.assertThat;

/** Crashes between steps, failed tasks and locks: the maintenance carries on without doing anything twice. */
class MaintenanceRecoveryTest {

    @Test
    void anOperatorRestartBeforeEveryStepStartsNothingTwice() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_8_4, MaintenanceRig::extraGuests)) {
            rig.sim.taskLatency("qmigrate", Duration.ofSeconds(12));
            rig.pod("apps", "web-0", "talos-k8s-02", "ReplicaSet");
            rig.maintenance(entry(MS01_02, "BIOS update", true));

            for (int i = 0;
                    i < 40
                            && rig.last()
                                    .map(o -> o.of(MS01_02).state() != InMaintenance)
                                    .orElse(true);
                    i++) {
                rig.restartOperator();
                rig.step();
            }

            assertThat(rig.last().orElseThrow().of(MS01_02).state()).isEqualTo(InMaintenance);
            assertThat(rig.snapshot().guestsOn(MS01_02)).isEmpty();
            List<String> mutations = rig.mutations();
            assertThat(mutations)
                    .containsOnlyOnce(
                            "PUT /cluster/ceph/flags/noout",
                            "POST /cluster/ha/resources/vm:105/migrate",
                            "POST /nodes/pve-ms01-02/qemu/102/migrate",
                            "POST /nodes/pve-ms01-02/qemu/104/migrate",
                            "POST /nodes/pve-ms01-02/qemu/106/migrate");
            assertThat(mutations).hasSize(5);
            assertThat(rig.outcomes)
                    .anySatisfy(o -> assertThat(o.of(MS01_02).message())
                            .startsWith("Draining: qmigrate task UPID:pve-ms01-02:"));
            assertThat(rig.last().orElseThrow().cephNoOutSetByOperator()).isTrue();
        }
    }

    @Test
    void aFailedMigrationIsReportedWithItsExitStatusAndRetriedAfterABackoff() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_8_4, MaintenanceRig::extraGuests)) {
            rig.sim.faults().failNextTask("qmigrate", "migration aborted: target storage not available");
            rig.maintenance(entry(MS01_02, "BIOS update", false));

            MaintenanceOutcome failed =
                    rig.stepUntil(o -> o.of(MS01_02).message().startsWith("Waiting: "), 10);

            assertThat(failed.of(MS01_02).state()).isEqualTo(Draining);
            assertThat(failed.of(MS01_02).message())
                    .startsWith("Waiting: migrating VM 102 to ")
                    .contains(" failed: migration aborted: target storage not available; attempt 2 in ")
                    .contains("(half-drained: talos-k8s-02 cordoned, ");
            long waitingSteps = waitingSteps(rig);

            rig.stepUntil(o -> o.of(MS01_02).state() == InMaintenance, 30);

            assertThat(rig.mutations().stream().filter("POST /nodes/pve-ms01-02/qemu/102/migrate"::equals))
                    .as("one failed attempt, one retry")
                    .hasSize(2);
            long step = MaintenanceRig.STEP.getSeconds();
            assertThat(waitingSteps(rig) * step)
                    .as("waited out the 30 s backoff")
                    .isGreaterThanOrEqualTo(EvacuationMemory.FIRST_RETRY.getSeconds() - step);
            assertThat(waitingSteps).isEqualTo(1);
        }
    }

    @Test
    void aFailedBulkMigrationFallsBackToPerVmMigrations() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_9_1, MaintenanceRig::extraGuests)) {
            rig.sim.faults().failNextTask("bulkmigrate", "bulk migration worker failed");
            rig.maintenance(entry(MS01_02, "BIOS update", false));

            MaintenanceOutcome failed =
                    rig.stepUntil(o -> o.of(MS01_02).message().startsWith("Waiting: "), 10);
            assertThat(failed.of(MS01_02).message()).contains("failed: bulk migration worker failed");

            rig.stepUntil(o -> o.of(MS01_02).state() == InMaintenance, 30);

            List<String> mutations = rig.mutations();
            assertThat(mutations.stream().filter(m -> m.contains("bulk-action")))
                    .hasSizeBetween(1, 2);
            assertThat(mutations).anyMatch(m -> m.matches("POST /nodes/pve-ms01-02/qemu/\\d+/migrate"));
        }
    }

    @Test
    void aLockedGuestWaitsForItsLockInsteadOfFailing() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_8_4, b -> {})) {
            rig.sim.faults().holdLock(102, "backup");
            rig.maintenance(entry(MS01_02, "BIOS update", false));

            rig.step();
            MaintenanceOutcome waiting = rig.step();

            assertThat(waiting.of(MS01_02).message())
                    .startsWith("Waiting: VM 102 is locked (backup); it moves once the lock is released");
            assertThat(rig.mutations()).isEmpty();

            rig.sim.faults().releaseLock(102);
            rig.stepUntil(o -> o.of(MS01_02).state() == InMaintenance, 20);
            assertThat(rig.mutations()).containsExactly("POST /nodes/pve-ms01-02/qemu/102/migrate");
        }
    }

    @Test
    void aGuestThatComesBackIsMovedAgainOnlyAfterABackoff() throws Exception {
        try (MaintenanceRig rig = MaintenanceRig.seed(PVE_8_4, MaintenanceRig::extraGuests)) {
            rig.maintenance(entry(MS01_02, "BIOS update", false));
            rig.stepUntil(o -> o.of(MS01_02).state() == InMaintenance, 40);

            // HA failback (or a person) brings the guest home again
            rig.api.migrateHaResource("vm:105", MS01_02);
            MaintenanceOutcome back = rig.stepUntil(o -> o.of(MS01_02).state() == Draining, 5);

            assertThat(back.of(MS01_02).message())
                    .startsWith("Waiting: VM 105 came back to pve-ms01-02 after it was "
                            + "moved away (HA failback or a person moved it); attempt 2 in ");
            rig.stepUntil(o -> o.of(MS01_02).state() == InMaintenance, 20);
            assertThat(rig.mutations().stream().filter("POST /cluster/ha/resources/vm:105/migrate"::equals))
                    .as("the operator's first move, the test's move home, the operator's second move")
                    .hasSize(3);
        }
    }

    private static long waitingSteps(MaintenanceRig rig) {
        return rig.outcomes.stream()
                .filter(o -> o.of(MS01_02).message().startsWith("Waiting: "))
                .count();
    }
}
