package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.proxmox.model.TaskSummary;
import dev.underlay.proxmox.model.Upid;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.underlay.controller.proxmoxcluster.maintenance.SnapshotFixtures.NOW;
import static dev.underlay.controller.proxmoxcluster.maintenance.SnapshotFixtures.node;
import static dev.underlay.controller.proxmoxcluster.maintenance.SnapshotFixtures.snapshot;
import static dev.underlay.controller.proxmoxcluster.maintenance.SnapshotFixtures.vm;
import static org.assertj.core.api.Assertions.assertThat;

class MigrationProgressTest {

    private static final Upid UPID =
            Upid.of("pve-a", 1, 1, NOW.getEpochSecond() - 30, "qmigrate", "201", "underlay@pve!operator");
    private static final Launch LAUNCH =
            new Launch(Launch.Kind.MIGRATE, UPID, List.of(201), "pve-b", NOW.minusSeconds(30));

    private static TaskSummary task(String status, Long endTime) {
        return new TaskSummary(UPID, "pve-a", "qmigrate", "201", UPID.user(), UPID.startTime(), endTime, status);
    }

    @Test
    void aRunningTaskIsRunningAndALandedGuestIsDone() {
        var running = snapshot(
                List.of(node("pve-a", true, 96, 10)), List.of(vm(201, "pve-a", true, 4)), List.of(task(null, null)));
        var landed = snapshot(
                List.of(node("pve-a", true, 96, 10)),
                List.of(vm(201, "pve-b", true, 4)),
                List.of(task("OK", NOW.getEpochSecond() - 5)));

        assertThat(MigrationProgress.of(List.of(LAUNCH), running, "pve-a", NOW))
                .isEqualTo(new MigrationProgress.Running("migrating VM 201 to pve-b"));
        assertThat(MigrationProgress.of(List.of(LAUNCH), landed, "pve-a", NOW))
                .isEqualTo(new MigrationProgress.Finished(Set.of(201), List.of(), false));
    }

    @Test
    void aFailedTaskCarriesItsExitStatus() {
        var failed = snapshot(
                List.of(node("pve-a", true, 96, 10)),
                List.of(vm(201, "pve-a", true, 4)),
                List.of(task("migration aborted", NOW.getEpochSecond() - 5)));

        assertThat(MigrationProgress.of(List.of(LAUNCH), failed, "pve-a", NOW))
                .isEqualTo(new MigrationProgress.Finished(
                        Set.of(), List.of("migrating VM 201 to pve-b failed: migration aborted"), false));
    }

    @Test
    void anOkTaskWhoseGuestStillShowsOnTheOldNodeIsGivenAMomentThenCountsAsFailed() {
        var justNow = snapshot(
                List.of(node("pve-a", true, 96, 10)),
                List.of(vm(201, "pve-a", true, 4)),
                List.of(task("OK", NOW.getEpochSecond() - 2)));
        var longAgo = snapshot(
                List.of(node("pve-a", true, 96, 10)),
                List.of(vm(201, "pve-a", true, 4)),
                List.of(task("OK", NOW.getEpochSecond() - 120)));

        assertThat(MigrationProgress.of(List.of(LAUNCH), justNow, "pve-a", NOW))
                .isInstanceOf(MigrationProgress.Running.class);
        assertThat(MigrationProgress.of(List.of(LAUNCH), longAgo, "pve-a", NOW))
                .isEqualTo(new MigrationProgress.Finished(
                        Set.of(),
                        List.of("migrating VM 201 to pve-b failed: finished (OK) but left [201] on pve-a"),
                        false));
    }

    @Test
    void anHaRequestGetsTenMinutesBeforeItCountsAsFailed() {
        Launch ha = new Launch(Launch.Kind.HA, null, List.of(201), "pve-b", NOW);
        var stillThere = snapshot(List.of(node("pve-a", true, 96, 10)), List.of(vm(201, "pve-a", true, 4)));

        assertThat(MigrationProgress.of(List.of(ha), stillThere, "pve-a", NOW.plusSeconds(599)))
                .isInstanceOf(MigrationProgress.Running.class);
        assertThat(MigrationProgress.of(List.of(ha), stillThere, "pve-a", NOW.plusSeconds(601)))
                .isEqualTo(new MigrationProgress.Finished(
                        Set.of(),
                        List.of("HA moving VM 201 to pve-b failed: [201] still on pve-a after 10 minutes"),
                        false));
    }

    @Test
    void withoutMemoryARunningMigrationTaskOrAMigrateLockStillMeansWait() {
        var task = snapshot(
                List.of(node("pve-a", true, 96, 10)), List.of(vm(201, "pve-a", true, 4)), List.of(task(null, null)));
        var lock = snapshot(
                List.of(node("pve-a", true, 96, 10)),
                List.of(SnapshotFixtures.guest("qemu", 201, "pve-a", true, 4, null, "migrate")));
        var calm = snapshot(List.of(node("pve-a", true, 96, 10)), List.of(vm(201, "pve-a", true, 4)));

        assertThat(MigrationProgress.of(List.of(), task, "pve-a", NOW))
                .isEqualTo(new MigrationProgress.Running("qmigrate task " + UPID + " still running"));
        assertThat(MigrationProgress.of(List.of(), lock, "pve-a", NOW))
                .isEqualTo(new MigrationProgress.Running("VM 201 is locked by a migration"));
        assertThat(MigrationProgress.of(List.of(), calm, "pve-a", NOW)).isEqualTo(new MigrationProgress.Idle());
    }
}
