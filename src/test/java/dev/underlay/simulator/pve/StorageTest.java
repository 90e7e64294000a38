package dev.underlay.simulator.pve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorageTest {

    private static final String N1 = "pve-ms01-01";
    private final SimFixture f = new SimFixture(PveVersion.PVE_9_1);

    @Test
    void clusterStorageConfigHasTheHomelabStores() {
        JsonNode list = f.ok("GET", "/storage");
        assertThat(list)
                .extracting(s -> s.get("storage").asText() + "/" + s.get("type").asText())
                .containsExactly(
                        "local/dir",
                        "local-zfs/zfspool",
                        "vm-disks/rbd",
                        "nfs-backups/nfs",
                        "backups/dir",
                        "nfs-external/nfs",
                        "offsite/pbs");
        JsonNode local = f.ok("GET", "/storage/local");
        assertThat(local.get("content").asText()).contains("iso");
        assertThat(f.ok("GET", "/storage/vm-disks").get("pool").asText()).isEqualTo("vm-disks");
        assertThat(f.ok("GET", "/storage", "type", "rbd")).hasSize(1);
    }

    @Test
    void rbdStorageForAnExistingPoolCanBeRegisteredUpdatedAndRemoved() {
        JsonNode created =
                f.ok("POST", "/storage", "storage", "ceph-mgr", "type", "rbd", "pool", ".mgr", "content", "images");
        assertThat(created.get("storage").asText()).isEqualTo("ceph-mgr");
        SimResponse dup = f.call("POST", "/storage", "storage", "ceph-mgr", "type", "rbd", "pool", ".mgr");
        assertThat(dup.reasonPhrase()).isEqualTo("create storage failed: storage ID 'ceph-mgr' already defined");
        SimResponse missingPool = f.call("POST", "/storage", "storage", "x1", "type", "rbd", "pool", "nope");
        assertThat(missingPool.status()).isEqualTo(500);
        f.ok("PUT", "/storage/ceph-mgr", "content", "images,rootdir");
        assertThat(f.ok("GET", "/storage/ceph-mgr").get("content").asText()).isEqualTo("images,rootdir");
        f.ok("DELETE", "/storage/ceph-mgr");
        assertThat(f.call("GET", "/storage/ceph-mgr").status()).isEqualTo(500);
    }

    @Test
    void nodeStorageListFiltersByContentAndReportsUsage() {
        JsonNode isoStores = f.ok("GET", "/nodes/" + N1 + "/storage", "content", "iso");
        assertThat(isoStores).extracting(s -> s.get("storage").asText()).containsExactly("local");
        JsonNode status = f.ok("GET", "/nodes/" + N1 + "/storage/vm-disks/status");
        assertThat(status.get("shared").asInt()).isEqualTo(1);
        assertThat(status.get("total").asLong()).isEqualTo(4L << 40);
        assertThat(status.get("active").asInt()).isEqualTo(1);
    }

    @Test
    void isoUploadRecordsTheFileAndItCanBeDeleted() {
        SimRequest upload = SimRequest.of(
                        "POST",
                        "/nodes/" + N1 + "/storage/local/upload",
                        f.sim.operatorToken(),
                        "content",
                        "iso",
                        "filename",
                        "talos-amd64.iso")
                .withUpload(new SimRequest.Upload("talos-amd64.iso", 104_857_600));
        SimResponse r = f.sim.handle(upload);
        assertThat(r.status()).isEqualTo(200);
        f.finish(SimFixture.json(r).get("data").asText());
        JsonNode content = f.ok("GET", "/nodes/" + N1 + "/storage/local/content", "content", "iso");
        assertThat(content).hasSize(1);
        assertThat(content.get(0).get("volid").asText()).isEqualTo("local:iso/talos-amd64.iso");
        assertThat(content.get(0).get("size").asLong()).isEqualTo(104_857_600L);
        assertThat(f.ok("GET", "/nodes/pve-ms01-02/storage/local/content", "content", "iso"))
                .isEmpty();

        f.run("DELETE", "/nodes/" + N1 + "/storage/local/content/local:iso/talos-amd64.iso");
        assertThat(f.ok("GET", "/nodes/" + N1 + "/storage/local/content", "content", "iso"))
                .isEmpty();
    }

    @Test
    void downloadUrlIsATaskThatRecordsTheSourceWithoutFetchingIt() {
        String upid = f.upid(
                "POST",
                "/nodes/" + N1 + "/storage/local/download-url",
                "content",
                "iso",
                "filename",
                "metal-amd64.iso",
                "url",
                "https://factory.talos.dev/image/abc/v1.11.5/metal-amd64.iso");
        assertThat(upid).contains(":download:");
        f.finish(upid);
        assertThat(f.ok("GET", "/nodes/" + N1 + "/storage/local/content", "content", "iso"))
                .extracting(v -> v.get("volid").asText())
                .containsExactly("local:iso/metal-amd64.iso");
        String source = f.sim.query(
                c -> c.model().volume(N1, "local:iso/metal-amd64.iso").orElseThrow().sourceUrl);
        assertThat(source).isEqualTo("https://factory.talos.dev/image/abc/v1.11.5/metal-amd64.iso");
        SimResponse wrongContent = f.call(
                "POST",
                "/nodes/" + N1 + "/storage/local-zfs/download-url",
                "content",
                "iso",
                "filename",
                "x.iso",
                "url",
                "https://example.invalid/x.iso");
        assertThat(wrongContent.status()).isEqualTo(500);
    }

    @Test
    void aDiskOfAnExistingGuestCannotBeDeletedFromContent() {
        SimFixture g = new SimFixture(PveVersion.PVE_9_1, VmSeed.of(101, N1).disk("scsi0", "local-zfs", 4));
        SimResponse r = g.call("DELETE", "/nodes/" + N1 + "/storage/local-zfs/content/local-zfs:vm-101-disk-0");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.reasonPhrase()).contains("still in use");
    }
}
