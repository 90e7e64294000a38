package dev.underlay.simulator.pve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VmConfigTest {

    private static final String N1 = "pve-ms01-01";
    private final SimFixture f = new SimFixture(PveVersion.PVE_9_1);

    private void create() {
        f.run(
                "POST",
                "/nodes/" + N1 + "/qemu",
                "vmid",
                "101",
                "name",
                "talos-cp-01",
                "memory",
                "4096",
                "cores",
                "2",
                "net0",
                "virtio,bridge=vmbr0,tag=16",
                "scsi0",
                "local-zfs:32,iothread=1,discard=on",
                "ide2",
                "vm-disks:cloudinit",
                "tags",
                "talos,k8s;underlay",
                "agent",
                "1");
    }

    @Test
    void createNormalisesMacDisksMemoryAndTags() {
        create();
        JsonNode conf = f.config(N1, 101);
        assertThat(conf.get("net0").asText())
                .matches("virtio=BC:24:11:[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2},bridge=vmbr0,tag=16");
        assertThat(conf.get("scsi0").asText()).isEqualTo("local-zfs:vm-101-disk-0,discard=on,iothread=1,size=32G");
        assertThat(conf.get("ide2").asText()).isEqualTo("vm-disks:vm-101-cloudinit,media=cdrom");
        assertThat(conf.get("memory").isTextual()).isTrue();
        assertThat(conf.get("memory").asText()).isEqualTo("4096");
        assertThat(conf.get("cores").isInt()).isTrue();
        assertThat(conf.get("tags").asText()).isEqualTo("talos;k8s;underlay");
        assertThat(conf.get("boot").asText()).isEqualTo("order=scsi0;ide2;net0");
        assertThat(conf.get("smbios1").asText()).startsWith("uuid=");
        assertThat(conf.get("digest").asText()).matches("[0-9a-f]{40}");
        JsonNode content = f.ok("GET", "/nodes/" + N1 + "/storage/local-zfs/content", "vmid", "101");
        assertThat(content).anySatisfy(v -> {
            assertThat(v.get("volid").asText()).isEqualTo("local-zfs:vm-101-disk-0");
            assertThat(v.get("size").asLong()).isEqualTo(32L << 30);
        });
    }

    @Test
    void digestChangesOnWriteAndAStaleDigestIsRefused() {
        create();
        String before = f.config(N1, 101).get("digest").asText();
        f.ok("PUT", "/nodes/" + N1 + "/qemu/101/config", "name", "renamed", "digest", before);
        String after = f.config(N1, 101).get("digest").asText();
        assertThat(after).isNotEqualTo(before);

        SimResponse stale = f.call("PUT", "/nodes/" + N1 + "/qemu/101/config", "cores", "4", "digest", before);
        assertThat(stale.status()).isEqualTo(500);
        assertThat(stale.reasonPhrase())
                .isEqualTo("detected modified configuration - file changed by other user? Try again.");
        assertThat(f.config(N1, 101).get("cores").asInt()).isEqualTo(2);
    }

    @Test
    void asyncConfigPostReturnsAUpidAndAppliesWhenTheTaskEnds() {
        create();
        String upid = f.upid("POST", "/nodes/" + N1 + "/qemu/101/config", "description", "owned by underlay");
        assertThat(upid).contains(":qmconfig:101:");
        f.finish(upid);
        assertThat(f.config(N1, 101).get("description").asText()).isEqualTo("owned by underlay");
    }

    @Test
    void changesToARunningGuestWaitInPendingUntilTheNextStart() {
        create();
        f.run("POST", "/nodes/" + N1 + "/qemu/101/status/start");
        f.ok("PUT", "/nodes/" + N1 + "/qemu/101/config", "memory", "8192", "name", "renamed-live");

        assertThat(f.ok("GET", "/nodes/" + N1 + "/qemu/101/config", "current", "1")
                        .get("memory")
                        .asText())
                .isEqualTo("4096");
        assertThat(f.config(N1, 101).get("memory").asText()).isEqualTo("8192");
        assertThat(f.config(N1, 101).get("name").asText()).isEqualTo("renamed-live");
        JsonNode pending = f.ok("GET", "/nodes/" + N1 + "/qemu/101/pending");
        assertThat(pending).anySatisfy(row -> {
            assertThat(row.get("key").asText()).isEqualTo("memory");
            assertThat(row.get("value").asText()).isEqualTo("4096");
            assertThat(row.get("pending").asText()).isEqualTo("8192");
        });

        f.run("POST", "/nodes/" + N1 + "/qemu/101/status/stop");
        assertThat(f.ok("GET", "/nodes/" + N1 + "/qemu/101/config", "current", "1")
                        .get("memory")
                        .asText())
                .isEqualTo("8192");
        assertThat(f.ok("GET", "/nodes/" + N1 + "/qemu/101/pending")).noneMatch(r -> r.has("pending"));
    }

    @Test
    void deletingADiskKeepsItsVolumeAsUnused() {
        create();
        f.ok("PUT", "/nodes/" + N1 + "/qemu/101/config", "delete", "scsi0");
        JsonNode conf = f.config(N1, 101);
        assertThat(conf.has("scsi0")).isFalse();
        assertThat(conf.get("unused0").asText()).isEqualTo("local-zfs:vm-101-disk-0");
    }

    @Test
    void addingADiskAllocatesTheNextVolumeName() {
        create();
        f.ok("PUT", "/nodes/" + N1 + "/qemu/101/config", "scsi1", "local-zfs:10");
        assertThat(f.config(N1, 101).get("scsi1").asText()).isEqualTo("local-zfs:vm-101-disk-1,size=10G");
    }

    @Test
    void statusCurrentHasPidAndUptimeOnlyWhileRunning() {
        create();
        JsonNode stopped = f.ok("GET", "/nodes/" + N1 + "/qemu/101/status/current");
        assertThat(stopped.get("status").asText()).isEqualTo("stopped");
        assertThat(stopped.get("qmpstatus").asText()).isEqualTo("stopped");
        assertThat(stopped.has("pid")).isFalse();
        assertThat(stopped.get("uptime").asLong()).isZero();
        assertThat(stopped.get("ha").get("managed").asInt()).isZero();

        f.run("POST", "/nodes/" + N1 + "/qemu/101/status/start");
        f.clock.advance(java.time.Duration.ofSeconds(60));
        JsonNode running = f.ok("GET", "/nodes/" + N1 + "/qemu/101/status/current");
        assertThat(running.get("status").asText()).isEqualTo("running");
        assertThat(running.get("pid").asInt()).isPositive();
        assertThat(running.get("uptime").asLong()).isGreaterThanOrEqualTo(60);
        assertThat(running.get("maxmem").asLong()).isEqualTo(4096L << 20);
        assertThat(running.get("agent").asInt()).isEqualTo(1);
    }
}
