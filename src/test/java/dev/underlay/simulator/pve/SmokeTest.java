package dev.underlay.simulator.pve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void createStartAndList() {
        SimFixture f = new SimFixture(PveVersion.PVE_9_1);
        System.out.println(f.ok("GET", "/version"));
        System.out.println(f.ok("GET", "/cluster/status"));
        String upid = f.upid("POST", "/nodes/pve-ms01-01/qemu", "vmid", "101", "name", "talos-cp-01", "memory", "4096",
                "cores", "2", "net0", "virtio,bridge=vmbr0,tag=16", "scsi0", "vm-disks:32,iothread=1", "tags", "talos,k8s", "agent", "1");
        System.out.println(upid);
        System.out.println(f.finish(upid));
        System.out.println(f.config("pve-ms01-01", 101));
        f.run("POST", "/nodes/pve-ms01-01/qemu/101/status/start");
        System.out.println(f.ok("GET", "/cluster/resources"));
        System.out.println(f.ok("GET", "/nodes/pve-ms01-01/qemu/101/agent/network-get-interfaces"));
        System.out.println(f.ok("GET", "/cluster/ceph/status"));
        System.out.println(f.ok("GET", "/nodes/pve-ms01-01/ceph/osd"));
        System.out.println(f.ok("GET", "/cluster/ha/status/current"));
        SimResponse bad = f.call("POST", "/nodes/pve-ms01-01/qemu", "vmid", "abc", "foo", "1", "net0", "bridge=vmbr0");
        System.out.println(bad + " " + bad.bodyText());
        assertThat(bad.status()).isEqualTo(400);
    }
}
