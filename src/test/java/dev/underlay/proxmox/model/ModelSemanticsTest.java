package dev.underlay.proxmox.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The small decisions the model records make for their callers. */
class ModelSemanticsTest {

    private static final Upid UPID = Upid.parse("UPID:pve1:000FF1FD:10F9374C:630D702C:qmstart:101:root@pam:");

    @Test
    void warningsCountAsSuccess() {
        assertThat(new TaskStatus(UPID, false, "WARNINGS: 2", null).isSuccess()).isTrue();
        assertThat(new TaskStatus(UPID, false, "WARNINGS: 2", null).warnings()).isEqualTo(2);
        assertThat(new TaskStatus(UPID, false, "OK", null).isSuccess()).isTrue();
        assertThat(new TaskStatus(UPID, false, "VM is locked (backup)", null).error())
                .contains("VM is locked (backup)");
        assertThat(new TaskStatus(UPID, false, "unexpected status", null).isFailed())
                .isTrue();
        assertThat(new TaskStatus(UPID, true, null, null).isFailed()).isFalse();
    }

    @Test
    void taskListRowsCarryTheOutcomeInStatus() {
        assertThat(new TaskSummary(UPID, "pve1", "qmstart", "101", "root@pam", 1L, null, null).isRunning())
                .isTrue();
        assertThat(new TaskSummary(UPID, "pve1", "qmstart", "101", "root@pam", 1L, 2L, "OK").isSuccess())
                .isTrue();
        assertThat(new TaskSummary(UPID, "pve1", "qmstart", "101", "root@pam", 1L, 2L, "boom").isFailed())
                .isTrue();
    }

    @Test
    void standaloneNodeIsQuorateClusterOnlyWhenItSaysSo() {
        assertThat(new ClusterStatus(null, null, null, null, List.of()).isQuorate())
                .isTrue();
        assertThat(new ClusterStatus("homelab", false, 3, 5, List.of()).isQuorate())
                .isFalse();
        assertThat(new ClusterStatus("homelab", true, 3, 5, List.of()).isQuorate())
                .isTrue();
    }

    @Test
    void permissionsInheritOnlyWhenPropagating() {
        Permissions permissions = new Permissions(Map.of(
                "/", Map.of("Sys.Audit", true, "Sys.Modify", false),
                "/vms", Map.of("VM.PowerMgmt", true),
                "/storage/local", Map.of("Datastore.Audit", false)));

        assertThat(permissions.has("/", "Sys.Modify")).isTrue();
        assertThat(permissions.has("/nodes/pve1", "Sys.Audit")).isTrue();
        assertThat(permissions.has("/nodes/pve1", "Sys.Modify")).isFalse();
        assertThat(permissions.has("/vms/101", "VM.PowerMgmt")).isTrue();
        assertThat(permissions.has("/storage/local", "Datastore.Audit")).isTrue();
        assertThat(permissions.has("/vms/101", "VM.Allocate")).isFalse();
    }

    @Test
    void poolWithObjectsHoldsData() {
        CephPoolStatus.Usage empty = new CephPoolStatus.Usage(0L, 0L, 100L, 0L, 0.0);
        CephPoolStatus.Usage used = new CephPoolStatus.Usage(4096L, 4096L, 100L, 1L, 0.1);

        assertThat(pool(empty).holdsData()).isFalse();
        assertThat(pool(used).holdsData()).isTrue();
        assertThat(pool(null).holdsData()).isFalse();
    }

    @Test
    void maintenanceIsSeenFromAnyOfTheThreeSignals() {
        HaManagerStatus status = new HaManagerStatus(
                "a",
                1L,
                Map.of("a", "online", "b", "maintenance"),
                Set.of("c"),
                Map.of("d", new HaManagerStatus.Lrm("maintenance", "active", 1L)),
                true,
                "a");

        assertThat(status.isInMaintenance("a")).isFalse();
        assertThat(status.isInMaintenance("b")).isTrue();
        assertThat(status.isInMaintenance("c")).isTrue();
        assertThat(status.isInMaintenance("d")).isTrue();
    }

    private static CephPoolStatus pool(CephPoolStatus.Usage usage) {
        return new CephPoolStatus(
                "p", 1, 3, 2, 32, 32, null, "on", "replicated_rule", "rbd", false, false, false, null, null, usage);
    }
}
