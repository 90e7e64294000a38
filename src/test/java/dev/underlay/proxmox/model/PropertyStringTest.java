package dev.underlay.proxmox.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PropertyStringTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "virtio=BC:24:11:83:B5:D8,bridge=vmbr0,firewall=1",
                "virtio=5A:95:56:B3:18:1C,bridge=vmbr0",
                "e1000=AA:BB:CC:DD:EE:FF,bridge=vmbr1,link_down=1,mtu=1500,queues=4,tag=28",
                "virtio,bridge=vmbr0"
            })
    void canonicalNicStringsRoundTrip(String text) {
        assertThat(NetDevice.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void nicLongFormAndUnsortedOptionsAreWrittenCanonically() {
        NetDevice nic = NetDevice.parse("tag=16,bridge=vmbr0,macaddr=BC:24:11:00:00:01,model=virtio,firewall=0");

        assertThat(nic.model()).isEqualTo("virtio");
        assertThat(nic.macAddress()).isEqualTo("BC:24:11:00:00:01");
        assertThat(nic.vlanTag()).isEqualTo(16);
        assertThat(nic.firewall()).isFalse();
        assertThat(nic.toString()).isEqualTo("virtio=BC:24:11:00:00:01,bridge=vmbr0,firewall=0,tag=16");
        assertThat(NetDevice.parse(nic.toString())).isEqualTo(nic);
    }

    @Test
    void newNicHasNoMacAndOptionsCanBeChanged() {
        NetDevice nic = NetDevice.virtio("vmbr0").withOption("tag", "48").withOption("mtu", "9000");

        assertThat(nic.toString()).isEqualTo("virtio,bridge=vmbr0,mtu=9000,tag=48");
        assertThat(nic.withMacAddress("BC:24:11:AA:BB:CC")
                        .withOption("mtu", null)
                        .toString())
                .isEqualTo("virtio=BC:24:11:AA:BB:CC,bridge=vmbr0,tag=48");
    }

    @Test
    void nicWithoutModelIsRejected() {
        assertThatThrownBy(() -> NetDevice.parse("bridge=vmbr0")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ceph-pool-nvme-01:vm-555-disk-0,discard=on,size=50G,ssd=1",
                "local-lvm:vm-505-cloudinit,media=cdrom,size=4M",
                "disk3:vm-113-disk-0,iothread=1,size=10G",
                "none,media=cdrom",
                "local:iso/talos-v1.9.0-metal-amd64.iso,media=cdrom,size=104M"
            })
    void canonicalDiskStringsRoundTrip(String text) {
        assertThat(DiskDevice.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void diskAccessorsAndCanonicalRewrite() {
        DiskDevice disk = DiskDevice.parse("ssd=1,file=vm-disks:vm-101-disk-0,size=32G,discard=on");

        assertThat(disk.storage()).contains("vm-disks");
        assertThat(disk.volumeName()).contains("vm-101-disk-0");
        assertThat(disk.size()).contains(DiskSize.ofGiB(32));
        assertThat(disk.toString()).isEqualTo("vm-disks:vm-101-disk-0,discard=on,size=32G,ssd=1");
        assertThat(DiskDevice.parse("none,media=cdrom").storage()).isEmpty();
    }

    @Test
    void newVolumeUsesPveAllocationSyntax() {
        DiskDevice disk = DiskDevice.allocate("vm-disks", 32, Map.of("ssd", "1", "discard", "on", "iothread", "1"));

        assertThat(disk.toString()).isEqualTo("vm-disks:32,discard=on,iothread=1,ssd=1");
    }

    @Test
    void diskSlotsAreRecognised() {
        assertThat(List.of("scsi0", "scsi30", "virtio15", "sata5", "ide2", "efidisk0", "tpmstate0"))
                .allMatch(DiskDevice::isDiskSlot);
        assertThat(List.of("net0", "scsihw", "unused0", "ipconfig0")).noneMatch(DiskDevice::isDiskSlot);
    }

    @Test
    void memoryReadsBothWireFormsAndWritesTheShortOne() {
        assertThat(MemoryConfig.parse("2048").currentMiB()).isEqualTo(2048);
        assertThat(MemoryConfig.parse("current=4096").currentMiB()).isEqualTo(4096);
        assertThat(MemoryConfig.parse("current=4096").toString()).isEqualTo("4096");
        assertThat(MemoryConfig.parse(new MemoryConfig(8192).toString())).isEqualTo(new MemoryConfig(8192));
    }

    @Test
    void pruneBackupsRoundTripInAlphabeticalOrder() {
        String canonical = "keep-daily=7,keep-last=3,keep-monthly=6,keep-weekly=4";
        PruneBackups parsed = PruneBackups.parse("keep-weekly=4,keep-last=3,keep-monthly=6,keep-daily=7");

        assertThat(parsed.keepLast()).isEqualTo(3);
        assertThat(parsed.toString()).isEqualTo(canonical);
        assertThat(PruneBackups.parse(canonical).toString()).isEqualTo(canonical);
        assertThat(PruneBackups.keepEverything().toString()).isEqualTo("keep-all=1");
        assertThatThrownBy(() -> PruneBackups.parse("max-files=3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void diskSizeUsesTheLargestExactUnit() {
        assertThat(DiskSize.parse("32G").bytes()).isEqualTo(32L << 30);
        assertThat(DiskSize.parse("1536M").toString()).isEqualTo("1536M");
        assertThat(DiskSize.parse("1.5G").toString()).isEqualTo("1536M");
        assertThat(DiskSize.parse("2048G").toString()).isEqualTo("2T");
        assertThat(DiskSize.parse("528K").toString()).isEqualTo("528K");
        assertThat(DiskSize.parse("1000").toString()).isEqualTo("1000");
        assertThat(DiskSize.parse("10g")).isEqualTo(DiskSize.ofGiB(10));
    }

    @Test
    void nodePriorityListsRoundTrip() {
        List<NodePriority> nodes = NodePriority.parseList("pve-ms01-01:2,pve-ms01-02:2,pve-aimax-01");

        assertThat(nodes)
                .containsExactly(
                        new NodePriority("pve-ms01-01", 2),
                        new NodePriority("pve-ms01-02", 2),
                        new NodePriority("pve-aimax-01", null));
        assertThat(NodePriority.formatList(nodes)).isEqualTo("pve-ms01-01:2,pve-ms01-02:2,pve-aimax-01");
    }

    @Test
    void vmOptionsWriteBooleansAsDigitsAndTagsWithSemicolons() {
        VmOptions options = VmOptions.builder()
                .onboot(true)
                .agent(true)
                .tags(List.of("talos", "cp"))
                .memoryMiB(4096)
                .net(0, NetDevice.virtio("vmbr0"))
                .disk("scsi0", DiskDevice.allocate("vm-disks", 32, Map.of()))
                .build();

        assertThat(options.values())
                .containsEntry("onboot", "1")
                .containsEntry("agent", "enabled=1")
                .containsEntry("tags", "talos;cp")
                .containsEntry("memory", "4096")
                .containsEntry("net0", "virtio,bridge=vmbr0")
                .containsEntry("scsi0", "vm-disks:32");
        assertThatThrownBy(() -> VmOptions.builder().set("digest", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VmOptions.builder().disk("net0", DiskDevice.parse("none")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cloudInitPasswordIsNotPrinted() {
        VmConfigChange change = VmConfigChange.builder()
                .set("cipassword", "hunter2")
                .set("ciuser", "talos")
                .build();

        assertThat(change.toString())
                .doesNotContain("hunter2")
                .contains("cipassword=***")
                .contains("ciuser=talos");
        assertThat(change.set().values()).containsEntry("cipassword", "hunter2");
    }

    @Test
    void configChangeRefusesSetAndDeleteOfTheSameKey() {
        assertThatThrownBy(() -> VmConfigChange.builder()
                        .set("cores", "2")
                        .delete("cores")
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
