package dev.underlay.simulator.pve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationTest {

    private static final String N1 = "pve-ms01-01";
    private static final String N2 = "pve-ms01-02";
    private final SimFixture f = new SimFixture(
            PveVersion.PVE_9_1,
            VmSeed.of(101, N1).name("on-ceph").disk("scsi0", "vm-disks", 32).running(),
            VmSeed.of(102, N1).name("on-zfs").disk("scsi0", "local-zfs", 16));

    @Test
    void preconditionListsLocalDisksAndAllowedNodes() {
        JsonNode zfs = f.ok("GET", "/nodes/" + N1 + "/qemu/102/migrate");
        assertThat(zfs.get("running").asInt()).isZero();
        assertThat(zfs.get("allowed_nodes")).extracting(JsonNode::asText).containsExactly(N2, "pve-aimax-01");
        assertThat(zfs.get("local_disks")).hasSize(1);
        assertThat(zfs.get("local_disks").get(0).get("volid").asText()).isEqualTo("local-zfs:vm-102-disk-0");
        assertThat(f.ok("GET", "/nodes/" + N1 + "/qemu/101/migrate").get("local_disks"))
                .isEmpty();
        assertThat(f.ok("GET", "/nodes/" + N1 + "/qemu/101/migrate")
                        .get("running")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void offlineMigrationMovesTheGuestAndItsLocalDisk() {
        String upid = f.upid("POST", "/nodes/" + N1 + "/qemu/102/migrate", "target", N2);
        assertThat(upid).contains(":qmigrate:102:");
        assertThat(f.ok("GET", "/cluster/resources", "type", "vm")).anySatisfy(r -> {
            assertThat(r.get("vmid").asInt()).isEqualTo(102);
            assertThat(r.get("lock").asText()).isEqualTo("migrate");
        });
        f.finish(upid);
        assertThat(f.config(N2, 102).get("scsi0").asText()).startsWith("local-zfs:vm-102-disk-0");
        assertThat(f.call("GET", "/nodes/" + N1 + "/qemu/102/config").status()).isEqualTo(500);
        assertThat(f.ok("GET", "/nodes/" + N2 + "/storage/local-zfs/content", "vmid", "102"))
                .hasSize(1);
        assertThat(f.ok("GET", "/nodes/" + N1 + "/storage/local-zfs/content", "vmid", "102"))
                .isEmpty();
    }

    @Test
    void aRunningGuestNeedsOnline() {
        SimResponse r = f.call("POST", "/nodes/" + N1 + "/qemu/101/migrate", "target", N2);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.reasonPhrase()).isEqualTo("can't migrate running VM without --online");
    }

    @Test
    void onlineMigrationOnSharedStorageKeepsTheGuestRunning() {
        f.run("POST", "/nodes/" + N1 + "/qemu/101/migrate", "target", N2, "online", "1");
        JsonNode status = f.ok("GET", "/nodes/" + N2 + "/qemu/101/status/current");
        assertThat(status.get("status").asText()).isEqualTo("running");
    }

    @Test
    void onlineMigrationWithLocalDisksNeedsWithLocalDisks() {
        f.run("POST", "/nodes/" + N1 + "/qemu/102/status/start");
        String upid = f.upid("POST", "/nodes/" + N1 + "/qemu/102/migrate", "target", N2, "online", "1");
        assertThat(f.finish(upid).get("exitstatus").asText())
                .isEqualTo(
                        "can't migrate local disk 'local-zfs:vm-102-disk-0': can't live migrate attached local disks without with-local-disks option");
        assertThat(f.ok("GET", "/nodes/" + N1 + "/qemu/102/status/current")
                        .get("status")
                        .asText())
                .isEqualTo("running");

        f.run("POST", "/nodes/" + N1 + "/qemu/102/migrate", "target", N2, "online", "1", "with-local-disks", "1");
        assertThat(f.ok("GET", "/nodes/" + N2 + "/qemu/102/status/current")
                        .get("status")
                        .asText())
                .isEqualTo("running");
    }

    @Test
    void targetMustBeAnotherOnlineNode() {
        SimResponse local = f.call("POST", "/nodes/" + N1 + "/qemu/102/migrate", "target", N1);
        assertThat(local.status()).isEqualTo(400);
        assertThat(SimFixture.json(local).get("errors").get("target").asText()).isEqualTo("target is local node.");
        f.sim.faults().nodeOffline(N2);
        SimResponse offline = f.call("POST", "/nodes/" + N1 + "/qemu/102/migrate", "target", N2);
        assertThat(offline.status()).isEqualTo(500);
        assertThat(offline.reasonPhrase()).isEqualTo("target node '" + N2 + "' is not online");
    }

    @Test
    void bulkMigrateMovesTheSelectedGuests() {
        String upid = f.upid(
                "POST", "/cluster/bulk-action/guest/migrate", "target", N2, "vms", "101", "vms", "102", "online", "1");
        f.finish(upid);
        assertThat(f.ok("GET", "/nodes/" + N2 + "/qemu"))
                .extracting(v -> v.get("vmid").asInt())
                .containsExactlyInAnyOrder(101, 102);
    }

    @Test
    void bulkMigrateSkipsRunningGuestsWithLocalDisksAndSendsHaGuestsThroughHa() {
        f.run("POST", "/nodes/" + N1 + "/qemu/102/status/start");
        f.ok("POST", "/cluster/ha/resources", "sid", "vm:101", "state", "started");
        f.clock.advance(java.time.Duration.ofSeconds(2));

        String upid = f.upid(
                "POST", "/cluster/bulk-action/guest/migrate", "target", N2, "vms", "101", "vms", "102", "online", "1");
        JsonNode status = f.finish(upid);

        assertThat(status.get("exitstatus").asText()).isEqualTo("WARNINGS: 1");
        f.clock.advance(java.time.Duration.ofSeconds(2));
        assertThat(f.ok("GET", "/nodes/" + N1 + "/qemu"))
                .extracting(v -> v.get("vmid").asInt())
                .containsExactly(102);
        assertThat(f.ok("GET", "/nodes/" + N2 + "/qemu"))
                .extracting(v -> v.get("vmid").asInt())
                .containsExactly(101);
    }

    @Test
    void bulkMigrateIsNotInThePve8Schema() {
        SimFixture pve8 = new SimFixture(PveVersion.PVE_8_4);
        SimResponse r = pve8.call("POST", "/cluster/bulk-action/guest/migrate", "target", N2);
        assertThat(r.status()).isEqualTo(501);
        assertThat(r.reasonPhrase()).isEqualTo("Method 'POST /cluster/bulk-action/guest/migrate' not implemented");
    }
}
