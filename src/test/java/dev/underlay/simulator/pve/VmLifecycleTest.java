package dev.underlay.simulator.pve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VmLifecycleTest {

    private static final String N1 = "pve-ms01-01";
    private final SimFixture f = new SimFixture(
            PveVersion.PVE_9_1,
            VmSeed.of(101, N1)
                    .name("talos-cp-01")
                    .disk("scsi0", "vm-disks", 32)
                    .net("net0", "virtio,bridge=vmbr0,tag=16")
                    .agent(),
            VmSeed.of(102, N1).name("plain").disk("scsi0", "local-zfs", 8));

    @Test
    void creatingAnExistingVmidFailsAsPveDoes() {
        SimResponse r = f.call("POST", "/nodes/pve-ms01-02/qemu", "vmid", "101", "name", "dup");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.reasonPhrase()).isEqualTo("VM 101 already exists on node 'pve-ms01-01'");
        assertThat(SimFixture.json(r).get("message").asText())
                .isEqualTo("VM 101 already exists on node 'pve-ms01-01'\n");
    }

    @Test
    void aGuestRunsTheQemuItsReleaseShipsAndRecordsItAtCreation() {
        assertThat(f.config(N1, 102).get("meta").asText()).startsWith("creation-qemu=10.1.2,");
        f.run("POST", "/nodes/" + N1 + "/qemu/102/status/start");
        assertThat(f.ok("GET", "/nodes/" + N1 + "/qemu/102/status/current")
                        .get("running-qemu")
                        .asText())
                .isEqualTo("10.1.2");

        SimFixture pve8 = new SimFixture(PveVersion.PVE_8_4, VmSeed.of(102, N1).disk("scsi0", "local-zfs", 8));
        assertThat(pve8.config(N1, 102).get("meta").asText()).startsWith("creation-qemu=9.2.0,");
    }

    @Test
    void nextIdIsAStringAndRefusesATakenVmidWithAParameterError() {
        JsonNode next = f.ok("GET", "/cluster/nextid");
        assertThat(next.isTextual()).isTrue();
        assertThat(next.asText()).isEqualTo("100");
        f.run("POST", "/nodes/" + N1 + "/qemu", "vmid", "100");
        assertThat(f.ok("GET", "/cluster/nextid").asText()).isEqualTo("103");
        assertThat(f.ok("GET", "/cluster/nextid", "vmid", "555").asText()).isEqualTo("555");

        SimResponse taken = f.call("GET", "/cluster/nextid", "vmid", "101");
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.reasonPhrase()).isEqualTo("Parameter verification failed.");
        assertThat(SimFixture.json(taken).get("errors").get("vmid").asText()).isEqualTo("VM 101 already exists");
    }

    @Test
    void aBackupLockRefusesSyncWritesAndFailsAsyncTasks() {
        f.sim.faults().holdLock(101, "backup");
        SimResponse put = f.call("PUT", "/nodes/" + N1 + "/qemu/101/config", "name", "x");
        assertThat(put.status()).isEqualTo(500);
        assertThat(put.reasonPhrase()).isEqualTo("VM is locked (backup)");
        assertThat(f.ok("GET", "/cluster/resources", "type", "vm")).anySatisfy(r -> {
            assertThat(r.get("vmid").asInt()).isEqualTo(101);
            assertThat(r.get("lock").asText()).isEqualTo("backup");
        });
        String upid = f.upid("POST", "/nodes/" + N1 + "/qemu/101/status/start");
        assertThat(f.finish(upid).get("exitstatus").asText()).isEqualTo("VM is locked (backup)");

        f.sim.faults().releaseLock(101);
        f.ok("PUT", "/nodes/" + N1 + "/qemu/101/config", "name", "x");
    }

    @Test
    void aHeldConfigFileLockTimesOut() {
        f.sim.faults().holdConfigFileLock(101);
        SimResponse r = f.call("PUT", "/nodes/" + N1 + "/qemu/101/config", "cores", "2");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.reasonPhrase()).isEqualTo("can't lock file '/var/lock/qemu-server/lock-101.conf' - got timeout");
        f.sim.faults().releaseConfigFileLock(101);
        f.ok("PUT", "/nodes/" + N1 + "/qemu/101/config", "cores", "2");
    }

    @Test
    void theCreateLockIsHeldWhileCreating() {
        String upid = f.upid("POST", "/nodes/" + N1 + "/qemu", "vmid", "150", "scsi0", "vm-disks:4");
        SimResponse r = f.call("PUT", "/nodes/" + N1 + "/qemu/150/config", "name", "x");
        assertThat(r.reasonPhrase()).isEqualTo("VM is locked (create)");
        f.finish(upid);
        f.ok("PUT", "/nodes/" + N1 + "/qemu/150/config", "name", "x");
    }

    @Test
    void resizeGrowsButNeverShrinks() {
        f.run("PUT", "/nodes/" + N1 + "/qemu/101/resize", "disk", "scsi0", "size", "+8G");
        assertThat(f.config(N1, 101).get("scsi0").asText()).endsWith("size=40G");
        f.run("PUT", "/nodes/" + N1 + "/qemu/101/resize", "disk", "scsi0", "size", "64G");
        assertThat(f.config(N1, 101).get("scsi0").asText()).endsWith("size=64G");

        SimResponse shrink = f.call("PUT", "/nodes/" + N1 + "/qemu/101/resize", "disk", "scsi0", "size", "10G");
        assertThat(shrink.status()).isEqualTo(500);
        assertThat(shrink.reasonPhrase()).isEqualTo("shrinking disks is not supported");
        assertThat(f.config(N1, 101).get("scsi0").asText()).endsWith("size=64G");
    }

    @Test
    void suspendResumeAndResetNeedARunningGuest() {
        SimResponse notRunning = f.call("POST", "/nodes/" + N1 + "/qemu/101/status/reset");
        assertThat(notRunning.status()).isEqualTo(500);
        assertThat(notRunning.reasonPhrase()).isEqualTo("VM 101 not running");
        f.run("POST", "/nodes/" + N1 + "/qemu/101/status/start");
        f.run("POST", "/nodes/" + N1 + "/qemu/101/status/suspend");
        JsonNode paused = f.ok("GET", "/nodes/" + N1 + "/qemu/101/status/current");
        assertThat(paused.get("status").asText()).isEqualTo("running");
        assertThat(paused.get("qmpstatus").asText()).isEqualTo("paused");
        f.run("POST", "/nodes/" + N1 + "/qemu/101/status/resume");
        assertThat(f.ok("GET", "/nodes/" + N1 + "/qemu/101/status/current")
                        .get("qmpstatus")
                        .asText())
                .isEqualTo("running");
        f.clock.advance(java.time.Duration.ofMinutes(5));
        f.run("POST", "/nodes/" + N1 + "/qemu/101/status/reset");
        assertThat(f.ok("GET", "/nodes/" + N1 + "/qemu/101/status/current")
                        .get("uptime")
                        .asLong())
                .isLessThan(60);
    }

    @Test
    void aRunningVmCannotBeDestroyed() {
        f.run("POST", "/nodes/" + N1 + "/qemu/101/status/start");
        SimResponse r = f.call("DELETE", "/nodes/" + N1 + "/qemu/101");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.reasonPhrase()).isEqualTo("VM 101 is running - destroy failed");
    }

    @Test
    void purgeRemovesTheGuestFromHaAndBackupJobsAndUnreferencedDisksGoToo() {
        f.ok("POST", "/cluster/ha/resources", "sid", "vm:102", "state", "stopped");
        f.ok(
                "POST",
                "/cluster/backup",
                "id",
                "nightly",
                "vmid",
                "101,102",
                "storage",
                "nfs-backups",
                "schedule",
                "02:00");
        f.ok("PUT", "/nodes/" + N1 + "/qemu/102/config", "delete", "scsi0");

        SimResponse withoutPurge = f.call("DELETE", "/nodes/" + N1 + "/qemu/102");
        assertThat(withoutPurge.reasonPhrase())
                .isEqualTo("unable to remove VM 102 - used in HA resources and purge parameter not set.");

        f.run("DELETE", "/nodes/" + N1 + "/qemu/102", "purge", "1", "destroy-unreferenced-disks", "1");
        assertThat(f.ok("GET", "/nodes/" + N1 + "/qemu"))
                .noneMatch(v -> v.get("vmid").asInt() == 102);
        assertThat(f.ok("GET", "/cluster/ha/resources")).isEmpty();
        assertThat(f.ok("GET", "/cluster/backup/nightly").get("vmid").asText()).isEqualTo("101");
        assertThat(f.ok("GET", "/nodes/" + N1 + "/storage/local-zfs/content", "vmid", "102"))
                .isEmpty();
    }

    @Test
    void guestAgentAnswersOnlyWhenEnabledAndRunning() {
        SimResponse stopped = f.call("GET", "/nodes/" + N1 + "/qemu/101/agent/network-get-interfaces");
        assertThat(stopped.status()).isEqualTo(500);

        f.sim.agentStartDelay(java.time.Duration.ofSeconds(30));
        f.run("POST", "/nodes/" + N1 + "/qemu/101/status/start");
        SimResponse booting = f.call("GET", "/nodes/" + N1 + "/qemu/101/agent/network-get-interfaces");
        assertThat(booting.status()).isEqualTo(500);
        assertThat(booting.reasonPhrase()).isEqualTo("QEMU guest agent is not running");

        f.clock.advance(java.time.Duration.ofSeconds(30));
        JsonNode result = f.ok("GET", "/nodes/" + N1 + "/qemu/101/agent/network-get-interfaces")
                .get("result");
        assertThat(result).anySatisfy(i -> {
            assertThat(i.get("name").asText()).isEqualTo("eth0");
            assertThat(i.get("ip-addresses").get(0).get("ip-address").asText()).startsWith("10.8.16.");
            assertThat(i.get("hardware-address").asText()).startsWith("bc:24:11:");
        });

        f.run("POST", "/nodes/" + N1 + "/qemu/102/status/start");
        assertThat(f.call("GET", "/nodes/" + N1 + "/qemu/102/agent/network-get-interfaces")
                        .status())
                .isEqualTo(500);
    }

    @Test
    void cloneCopiesConfigWithNewMacAndNewVolumesAndLocksBothWhileRunning() {
        String upid =
                f.upid("POST", "/nodes/" + N1 + "/qemu/101/clone", "newid", "201", "name", "talos-w-01", "full", "1");
        assertThat(upid).contains(":qmclone:101:");
        assertThat(f.call("PUT", "/nodes/" + N1 + "/qemu/101/config", "name", "x")
                        .reasonPhrase())
                .isEqualTo("VM is locked (clone)");
        f.finish(upid);
        JsonNode source = f.config(N1, 101);
        JsonNode clone = f.config(N1, 201);
        assertThat(clone.get("name").asText()).isEqualTo("talos-w-01");
        assertThat(clone.get("scsi0").asText()).isEqualTo("vm-disks:vm-201-disk-0,size=32G");
        assertThat(clone.get("net0").asText())
                .startsWith("virtio=BC:24:11:")
                .isNotEqualTo(source.get("net0").asText());
        assertThat(clone.get("net0").asText()).endsWith(",bridge=vmbr0,tag=16");
        assertThat(clone.get("smbios1").asText())
                .isNotEqualTo(source.get("smbios1").asText());
        f.ok("PUT", "/nodes/" + N1 + "/qemu/101/config", "name", "x");
    }

    @Test
    void vmListAndResourcesShowStoppedAndRunningGuests() {
        f.run("POST", "/nodes/" + N1 + "/qemu/101/status/start");
        JsonNode list = f.ok("GET", "/nodes/" + N1 + "/qemu");
        Map<Integer, JsonNode> byId = new java.util.HashMap<>();
        list.forEach(v -> byId.put(v.get("vmid").asInt(), v));
        assertThat(byId.get(101).get("status").asText()).isEqualTo("running");
        assertThat(byId.get(101).has("pid")).isTrue();
        assertThat(byId.get(102).get("status").asText()).isEqualTo("stopped");
        assertThat(byId.get(102).has("pid")).isFalse();
        JsonNode resources = f.ok("GET", "/cluster/resources", "type", "vm");
        assertThat(resources).allSatisfy(r -> assertThat(r.get("type").asText()).isEqualTo("qemu"));
        assertThat(resources).extracting(r -> r.get("id").asText()).containsExactly("qemu/101", "qemu/102");
    }
}
