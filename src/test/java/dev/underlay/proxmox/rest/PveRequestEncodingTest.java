package dev.underlay.proxmox.rest;

import dev.underlay.proxmox.UnsupportedByVersionException;
import dev.underlay.proxmox.model.BackupJob;
import dev.underlay.proxmox.model.BulkMigrateRequest;
import dev.underlay.proxmox.model.CephFlag;
import dev.underlay.proxmox.model.CephPoolChange;
import dev.underlay.proxmox.model.CephPoolDeleteOptions;
import dev.underlay.proxmox.model.CephPoolSpec;
import dev.underlay.proxmox.model.CloneVmRequest;
import dev.underlay.proxmox.model.CreateVmRequest;
import dev.underlay.proxmox.model.DeleteVmOptions;
import dev.underlay.proxmox.model.DiskDevice;
import dev.underlay.proxmox.model.DiskResize;
import dev.underlay.proxmox.model.DiskSize;
import dev.underlay.proxmox.model.DownloadUrlRequest;
import dev.underlay.proxmox.model.HaGroup;
import dev.underlay.proxmox.model.HaResource;
import dev.underlay.proxmox.model.HaRule;
import dev.underlay.proxmox.model.MigrateRequest;
import dev.underlay.proxmox.model.NetDevice;
import dev.underlay.proxmox.model.NodePriority;
import dev.underlay.proxmox.model.PruneBackups;
import dev.underlay.proxmox.model.PveVersion;
import dev.underlay.proxmox.model.StorageDefinition;
import dev.underlay.proxmox.model.StorageUpdate;
import dev.underlay.proxmox.model.Upid;
import dev.underlay.proxmox.model.VmConfigChange;
import dev.underlay.proxmox.model.VmOptions;
import dev.underlay.proxmox.model.VzdumpRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What goes on the wire for each call, checked against a recording transport: method, encoded path, parameter
 * names and values (0/1 booleans, comma lists, canonical property strings), and where they travel.
 */
class PveRequestEncodingTest {

    private static final String UPID = "UPID:pve1:0000A1B2:00C0FFEE:6530A1B2:qmcreate:101:underlay@pve!operator:";
    private static final String UPID_BODY = "{\"data\":\"" + UPID + "\"}";

    private final RecordingTransport transport = RecordingTransport.answering(200, "OK", UPID_BODY);
    private final PveRestApi api = new PveRestApi(transport, PveVersion.parse("9.1.4"));

    @Test
    void createVmSendsOptionsCanonicallyAsAForm() throws Exception {
        VmOptions options = VmOptions.builder()
                .name("talos-cp-01")
                .cores(4)
                .sockets(1)
                .memoryMiB(8192)
                .cpu("host")
                .scsihw("virtio-scsi-single")
                .onboot(true)
                .agent(true)
                .tags(List.of("talos", "cp"))
                .disk("scsi0", DiskDevice.allocate("vm-disks", 32, Map.of("ssd", "1", "discard", "on")))
                .disk("ide2", DiskDevice.parse("local:iso/talos.iso,media=cdrom"))
                .net(0, NetDevice.virtio("vmbr0").withOption("tag", "16"))
                .boot("order=scsi0;ide2")
                .build();

        Upid upid = api.createVm(
                "pve-ms01-01", CreateVmRequest.of(101, options).withStart(true).withHaManaged(true));

        PveRequest request = transport.last();
        assertThat(upid.type()).isEqualTo("qmcreate");
        assertThat(request.method()).isEqualTo(PveMethod.POST);
        assertThat(request.path()).isEqualTo("/nodes/pve-ms01-01/qemu");
        assertThat(params(request))
                .containsExactly(
                        Map.entry("vmid", "101"),
                        Map.entry("agent", "enabled=1"),
                        Map.entry("boot", "order=scsi0;ide2"),
                        Map.entry("cores", "4"),
                        Map.entry("cpu", "host"),
                        Map.entry("ide2", "local:iso/talos.iso,media=cdrom"),
                        Map.entry("memory", "8192"),
                        Map.entry("name", "talos-cp-01"),
                        Map.entry("net0", "virtio,bridge=vmbr0,tag=16"),
                        Map.entry("onboot", "1"),
                        Map.entry("scsi0", "vm-disks:32,discard=on,ssd=1"),
                        Map.entry("scsihw", "virtio-scsi-single"),
                        Map.entry("sockets", "1"),
                        Map.entry("tags", "talos;cp"),
                        Map.entry("start", "1"),
                        Map.entry("ha-managed", "1"));
        assertThat(PveWire.target(request)).isEqualTo("/nodes/pve-ms01-01/qemu");
        assertThat(PveWire.body(request))
                .contains("net0=virtio%2Cbridge%3Dvmbr0%2Ctag%3D16")
                .contains("tags=talos%3Bcp")
                .contains("&start=1&");
    }

    @Test
    void restoreUsesArchiveForceAndUnique() throws Exception {
        api.createVm(
                "pve1", CreateVmRequest.restore(101, "pbs:backup/vm/101/2024-05-01T02:00:00Z", "vm-disks", true, true));

        assertThat(params(transport.last()))
                .containsExactly(
                        Map.entry("vmid", "101"),
                        Map.entry("archive", "pbs:backup/vm/101/2024-05-01T02:00:00Z"),
                        Map.entry("storage", "vm-disks"),
                        Map.entry("force", "1"),
                        Map.entry("unique", "1"));
    }

    @Test
    void configWritesCarryDeleteListAndDigest() throws Exception {
        transport.respond(r -> new PveResponse(200, "OK", r.method() == PveMethod.PUT ? "{\"data\":null}" : UPID_BODY));
        VmConfigChange change = VmConfigChange.builder()
                .set("cores", "8")
                .delete("net1")
                .delete("scsi2")
                .revert("memory")
                .digest("0d7b4aefa97d9a0dacfcfb0016fa1e614bc56cc6")
                .build();

        api.updateVmConfig("pve1", 101, change);
        PveRequest put = transport.last();
        assertThat(api.updateVmConfigAsync("pve1", 101, change)).contains(Upid.parse(UPID));
        PveRequest post = transport.last();

        assertThat(put.method()).isEqualTo(PveMethod.PUT);
        assertThat(post.method()).isEqualTo(PveMethod.POST);
        assertThat(put.path()).isEqualTo("/nodes/pve1/qemu/101/config").isEqualTo(post.path());
        assertThat(params(put))
                .containsExactly(
                        Map.entry("cores", "8"),
                        Map.entry("delete", "net1,scsi2"),
                        Map.entry("revert", "memory"),
                        Map.entry("digest", "0d7b4aefa97d9a0dacfcfb0016fa1e614bc56cc6"));
        assertThat(PveWire.body(put))
                .isEqualTo("cores=8&delete=net1%2Cscsi2&revert=memory&digest=0d7b4aefa97d9a0dacfcfb0016fa1e614bc56cc6");
    }

    @Test
    void asyncConfigWriteMayFinishWithoutTask() throws Exception {
        transport.respond(r -> new PveResponse(200, "OK", "{\"data\":null}"));

        assertThat(api.updateVmConfigAsync(
                        "pve1", 101, VmConfigChange.builder().set("cores", "2").build()))
                .isEmpty();
        assertThat(api.resizeDisk("pve1", 101, DiskResize.growBy("scsi0", DiskSize.ofGiB(16))))
                .isEmpty();
        assertThat(params(transport.last())).containsExactly(Map.entry("disk", "scsi0"), Map.entry("size", "+16G"));
    }

    @Test
    void readsPutParametersInTheQueryStringAndNeverABody() throws Exception {
        transport.respond(r -> new PveResponse(200, "OK", "{\"data\":{}}"));

        api.vmCurrentConfig("pve1", 101);
        PveRequest request = transport.last();

        assertThat(request.method()).isEqualTo(PveMethod.GET);
        assertThat(PveWire.target(request)).isEqualTo("/nodes/pve1/qemu/101/config?current=1");
        assertThat(PveWire.body(request)).isEmpty();
    }

    @Test
    void deletesPutOptionsInTheQueryString() throws Exception {
        api.deleteVm("pve1", 101, DeleteVmOptions.purgeAll());
        PveRequest delete = transport.last();

        assertThat(delete.method()).isEqualTo(PveMethod.DELETE);
        assertThat(PveWire.target(delete)).isEqualTo("/nodes/pve1/qemu/101?purge=1&destroy-unreferenced-disks=1");
        assertThat(PveWire.body(delete)).isEmpty();

        api.deleteVm("pve1", 102, new DeleteVmOptions(false, false));
        assertThat(PveWire.target(transport.last())).isEqualTo("/nodes/pve1/qemu/102");
    }

    @Test
    void cloneMigrateAndPowerActions() throws Exception {
        api.cloneVm("pve1", 9000, CloneVmRequest.fullClone(101, "talos-cp-01", "vm-disks"));
        assertThat(transport.last().path()).isEqualTo("/nodes/pve1/qemu/9000/clone");
        assertThat(params(transport.last()))
                .containsExactly(
                        Map.entry("newid", "101"),
                        Map.entry("name", "talos-cp-01"),
                        Map.entry("storage", "vm-disks"),
                        Map.entry("full", "1"));

        api.migrateVm("pve1", 101, MigrateRequest.online("pve2"));
        assertThat(transport.last().path()).isEqualTo("/nodes/pve1/qemu/101/migrate");
        assertThat(params(transport.last())).containsExactly(Map.entry("target", "pve2"), Map.entry("online", "1"));

        api.shutdownVm("pve1", 101, 120, true);
        assertThat(transport.last().path()).isEqualTo("/nodes/pve1/qemu/101/status/shutdown");
        assertThat(params(transport.last())).containsExactly(Map.entry("timeout", "120"), Map.entry("forceStop", "1"));

        api.startVm("pve1", 101);
        assertThat(transport.last().path()).isEqualTo("/nodes/pve1/qemu/101/status/start");
        assertThat(transport.last().params().isEmpty()).isTrue();
        api.stopVm("pve1", 101);
        assertThat(transport.last().path()).endsWith("/status/stop");
        api.rebootVm("pve1", 101, null);
        assertThat(transport.last().path()).endsWith("/status/reboot");
    }

    @Test
    void migratePreconditionTargetIsAQueryParameter() throws Exception {
        transport.respond(r -> new PveResponse(
                200,
                "OK",
                "{\"data\":{\"running\":1,\"allowed_nodes\":[\"pve2\"],\"local_disks\":[{\"volid\":\"local:iso/t.iso\","
                        + "\"cdrom\":1,\"is_unused\":0,\"size\":104857600}],\"local_resources\":[],"
                        + "\"not_allowed_nodes\":{\"pve3\":{\"unavailable_storages\":[\"local-zfs\"]}}}}"));

        var precondition = api.migratePrecondition("pve1", 101, "pve2");

        assertThat(PveWire.target(transport.last())).isEqualTo("/nodes/pve1/qemu/101/migrate?target=pve2");
        assertThat(precondition.running()).isTrue();
        assertThat(precondition.allowedNodes()).containsExactly("pve2");
        assertThat(precondition.localDisks())
                .singleElement()
                .satisfies(d -> assertThat(d.cdrom()).isTrue());
        assertThat(precondition.notAllowedNodes()).containsEntry("pve3", List.of("storage local-zfs unavailable"));
    }

    @Test
    void upidsAndVolumeIdsAreEncodedInPaths() throws Exception {
        transport.respond(r -> new PveResponse(200, "OK", "{\"data\":[]}"));
        Upid upid = Upid.parse("UPID:pve2:0000A1B2:00C0FFEE:6530A1B2:vzdump:101:underlay@pve!operator:");

        api.taskLog(upid, 0, 50);
        assertThat(PveWire.target(transport.last()))
                .isEqualTo("/nodes/pve2/tasks/"
                        + "UPID%3Apve2%3A0000A1B2%3A00C0FFEE%3A6530A1B2%3Avzdump%3A101%3Aunderlay%40pve%21operator%3A/log"
                        + "?start=0&limit=50");

        transport.respond(r -> new PveResponse(200, "OK", "{\"data\":null}"));
        api.stopTask(upid);
        assertThat(transport.last().method()).isEqualTo(PveMethod.DELETE);
        assertThat(transport.last().path()).startsWith("/nodes/pve2/tasks/UPID%3Apve2%3A");

        assertThat(api.deleteVolume("pve1", "pbs", "pbs:backup/vm/101/2024-05-01T02:00:00Z"))
                .isEmpty();
        assertThat(transport.last().path())
                .isEqualTo("/nodes/pve1/storage/pbs/content/pbs%3Abackup%2Fvm%2F101%2F2024-05-01T02%3A00%3A00Z");
    }

    @Test
    void haGroupsRulesAndResources() throws Exception {
        transport.respond(r -> new PveResponse(200, "OK", "{\"data\":null}"));

        api.createHaGroup(
                new HaGroup("general", NodePriority.parseList("pve-ms01-01:2,pve-ms01-02:1"), true, true, null, null));
        assertThat(params(transport.last()))
                .containsExactly(
                        Map.entry("group", "general"),
                        Map.entry("nodes", "pve-ms01-01:2,pve-ms01-02:1"),
                        Map.entry("restricted", "1"),
                        Map.entry("nofailback", "1"));

        api.updateHaGroup(new HaGroup("general", List.of(), false, null, "", null));
        assertThat(transport.last().path()).isEqualTo("/cluster/ha/groups/general");
        assertThat(params(transport.last()))
                .containsExactly(Map.entry("restricted", "0"), Map.entry("delete", "comment"));
        api.updateHaGroup(new HaGroup("general", List.of(), null, null, "kept", null));
        assertThat(params(transport.last())).containsExactly(Map.entry("comment", "kept"));

        api.createHaRule(HaRule.nodeAffinity(
                "underlay-talos-cp",
                List.of("vm:101", "vm:102"),
                NodePriority.parseList("pve-ms01-01,pve-ms01-02"),
                true));
        assertThat(params(transport.last()))
                .containsExactly(
                        Map.entry("rule", "underlay-talos-cp"),
                        Map.entry("type", "node-affinity"),
                        Map.entry("resources", "vm:101,vm:102"),
                        Map.entry("nodes", "pve-ms01-01,pve-ms01-02"),
                        Map.entry("strict", "1"));

        api.updateHaRule(
                HaRule.resourceAffinity("spread", List.of("vm:101", "vm:102"), HaRule.Affinity.NEGATIVE),
                List.of("comment"));
        assertThat(transport.last().path()).isEqualTo("/cluster/ha/rules/spread");
        assertThat(params(transport.last()))
                .containsExactly(
                        Map.entry("type", "resource-affinity"),
                        Map.entry("resources", "vm:101,vm:102"),
                        Map.entry("affinity", "negative"),
                        Map.entry("delete", "comment"));

        api.createHaResource(new HaResource("vm:101", null, "started", null, false, 2, 1, null, null));
        assertThat(params(transport.last()))
                .containsExactly(
                        Map.entry("sid", "vm:101"),
                        Map.entry("state", "started"),
                        Map.entry("failback", "0"),
                        Map.entry("max_restart", "2"),
                        Map.entry("max_relocate", "1"));

        api.migrateHaResource("vm:101", "pve2");
        assertThat(transport.last().path()).isEqualTo("/cluster/ha/resources/vm%3A101/migrate");
        assertThat(params(transport.last())).containsExactly(Map.entry("node", "pve2"));
    }

    @Test
    void pve8GetsNeitherRulesNorFailbackNorPurge() throws Exception {
        RecordingTransport v8 = RecordingTransport.answering(200, "OK", "{\"data\":null}");
        PveRestApi api8 = new PveRestApi(v8, PveVersion.parse("8.4.2"));

        assertThatThrownBy(api8::haRules)
                .isInstanceOf(UnsupportedByVersionException.class)
                .hasMessageContaining("HA rules needs PVE 9.0");
        assertThatThrownBy(() ->
                        api8.createHaResource(new HaResource("vm:101", null, null, null, true, null, null, null, null)))
                .isInstanceOf(UnsupportedByVersionException.class)
                .hasMessageContaining("nofailback");
        assertThatThrownBy(() -> api8.deleteHaResource("vm:101", true))
                .isInstanceOf(UnsupportedByVersionException.class);
        assertThatThrownBy(() -> api8.migrateVm(
                        "pve1", 101, new MigrateRequest("pve2", true, null, null, null, null, null, true)))
                .isInstanceOf(UnsupportedByVersionException.class);
        assertThat(v8.requests()).isEmpty();

        api8.createHaResource(new HaResource("vm:101", null, "started", "general", null, null, null, null, null));
        assertThat(params(v8.last()))
                .containsExactly(
                        Map.entry("sid", "vm:101"), Map.entry("state", "started"), Map.entry("group", "general"));
        api8.deleteHaResource("vm:101", null);
        assertThat(PveWire.target(v8.last())).isEqualTo("/cluster/ha/resources/vm%3A101");
    }

    @Test
    void versionIsLearnedOnceWhenFirstNeeded() throws Exception {
        RecordingTransport t = new RecordingTransport()
                .respond(r -> r.path().equals("/version")
                        ? new PveResponse(
                                200, "OK", "{\"data\":{\"version\":\"9.0.8\",\"release\":\"9.0\",\"repoid\":\"ab\"}}")
                        : new PveResponse(200, "OK", UPID_BODY));
        PveRestApi lazy = new PveRestApi(t);

        assertThatThrownBy(() -> lazy.bulkMigrate(new BulkMigrateRequest("pve2", List.of(101), true, 2, null)))
                .isInstanceOf(UnsupportedByVersionException.class)
                .hasMessageContaining("runs 9.0.8");
        lazy.createVm("pve1", CreateVmRequest.of(101, VmOptions.empty()));
        assertThatThrownBy(() -> lazy.createVm(
                        "pve1", CreateVmRequest.of(101, VmOptions.empty()).withHaManaged(true)))
                .isInstanceOf(UnsupportedByVersionException.class);

        assertThat(t.requests()).extracting(PveRequest::path).containsExactly("/version", "/nodes/pve1/qemu");
    }

    @Test
    void bulkMigrateRepeatsTheVmsKey() throws Exception {
        api.bulkMigrate(new BulkMigrateRequest("pve-ms01-02", List.of(101, 102), true, 2, null));

        assertThat(transport.last().path()).isEqualTo("/cluster/bulk-action/guest/migrate");
        assertThat(params(transport.last()))
                .containsExactly(
                        Map.entry("target", "pve-ms01-02"),
                        Map.entry("vms", "101"),
                        Map.entry("vms", "102"),
                        Map.entry("online", "1"),
                        Map.entry("max-workers", "2"));
        assertThat(PveWire.body(transport.last()))
                .isEqualTo("target=pve-ms01-02&vms=101&vms=102&online=1&max-workers=2");
    }

    @Test
    void cephFlagsPoolsAndOsds() throws Exception {
        transport.respond(r -> new PveResponse(
                200, "OK", r.path().endsWith("/flags") || r.path().contains("/pool") ? UPID_BODY : "{\"data\":null}"));

        api.setCephFlag(CephFlag.NOOUT, true);
        assertThat(transport.last().method()).isEqualTo(PveMethod.PUT);
        assertThat(transport.last().path()).isEqualTo("/cluster/ceph/flags/noout");
        assertThat(params(transport.last())).containsExactly(Map.entry("value", "1"));

        Map<CephFlag, Boolean> flags = new LinkedHashMap<>();
        flags.put(CephFlag.NOREBALANCE, false);
        flags.put(CephFlag.NOOUT, true);
        api.setCephFlags(flags);
        assertThat(params(transport.last())).containsExactly(Map.entry("noout", "1"), Map.entry("norebalance", "0"));

        api.createCephPool("pve1", CephPoolSpec.replicated("vm-disks", 3, 2));
        assertThat(params(transport.last()))
                .containsExactly(
                        Map.entry("name", "vm-disks"),
                        Map.entry("size", "3"),
                        Map.entry("min_size", "2"),
                        Map.entry("pg_autoscale_mode", "on"),
                        Map.entry("application", "rbd"),
                        Map.entry("add_storages", "0"));

        api.updateCephPool(
                "pve1", "vm-disks", new CephPoolChange(null, null, null, null, null, null, null, "500G", null));
        assertThat(transport.last().path()).isEqualTo("/nodes/pve1/ceph/pool/vm-disks");
        assertThat(params(transport.last())).containsExactly(Map.entry("target_size", "500G"));

        api.deleteCephPool("pve1", "vm-disks", new CephPoolDeleteOptions(false, true, null));
        assertThat(PveWire.target(transport.last())).isEqualTo("/nodes/pve1/ceph/pool/vm-disks?remove_storages=1");

        api.cephOsdOut("pve2", 3);
        assertThat(transport.last().method()).isEqualTo(PveMethod.POST);
        assertThat(transport.last().path()).isEqualTo("/nodes/pve2/ceph/osd/3/out");
    }

    @Test
    void backupJobsNeverSendPve8OnlyNotificationOptions() throws Exception {
        transport.respond(r -> new PveResponse(200, "OK", "{\"data\":null}"));
        BackupJob job = BackupJob.of(
                "underlay-5f0c6f4e",
                "*-*-* 02:00",
                "pbs",
                List.of(101, 102),
                "snapshot",
                PruneBackups.parse("keep-weekly=4,keep-daily=7"));

        api.createBackupJob(job);
        assertThat(params(transport.last()))
                .containsExactly(
                        Map.entry("id", "underlay-5f0c6f4e"),
                        Map.entry("schedule", "*-*-* 02:00"),
                        Map.entry("storage", "pbs"),
                        Map.entry("vmid", "101,102"),
                        Map.entry("enabled", "1"),
                        Map.entry("mode", "snapshot"),
                        Map.entry("compress", "zstd"),
                        Map.entry("prune-backups", "keep-daily=7,keep-weekly=4"));

        api.updateBackupJob(job, List.of("comment", "mailto"));
        assertThat(transport.last().path()).isEqualTo("/cluster/backup/underlay-5f0c6f4e");
        assertThat(transport.last().params().names())
                .doesNotContain("id", "notification-policy", "notification-target")
                .contains("delete");
        assertThat(transport.last().params().first("delete")).isEqualTo("comment,mailto");

        transport.respond(r -> new PveResponse(200, "OK", UPID_BODY));
        api.vzdump("pve1", VzdumpRequest.snapshot(101, "pbs"));
        assertThat(params(transport.last()))
                .containsExactly(
                        Map.entry("vmid", "101"),
                        Map.entry("storage", "pbs"),
                        Map.entry("mode", "snapshot"),
                        Map.entry("compress", "zstd"));
    }

    @Test
    void storageRegistrationAndIsoDownload() throws Exception {
        transport.respond(r -> new PveResponse(
                200,
                "OK",
                r.path().endsWith("download-url")
                        ? UPID_BODY
                        : "{\"data\":{\"storage\":\"vm-disks\",\"type\":\"rbd\"}}"));

        api.createStorage(StorageDefinition.rbd("vm-disks", "vm-disks", List.of("images", "rootdir"), true));
        assertThat(transport.last().path()).isEqualTo("/storage");
        assertThat(params(transport.last()))
                .containsExactly(
                        Map.entry("storage", "vm-disks"),
                        Map.entry("type", "rbd"),
                        Map.entry("content", "images,rootdir"),
                        Map.entry("pool", "vm-disks"),
                        Map.entry("krbd", "1"));

        api.updateStorage(
                "vm-disks",
                new StorageUpdate(
                        List.of("images"), List.of("pve1", "pve2"), false, null, null, List.of("krbd"), "abc"));
        assertThat(params(transport.last()))
                .containsExactly(
                        Map.entry("content", "images"),
                        Map.entry("nodes", "pve1,pve2"),
                        Map.entry("disable", "0"),
                        Map.entry("delete", "krbd"),
                        Map.entry("digest", "abc"));

        api.downloadUrl(
                "pve1",
                "local",
                DownloadUrlRequest.iso(
                        "https://factory.talos.dev/image/abc/v1.9.0/metal-amd64.iso", "talos-v1.9.0.iso", "ab12"));
        assertThat(transport.last().path()).isEqualTo("/nodes/pve1/storage/local/download-url");
        assertThat(params(transport.last()))
                .containsExactly(
                        Map.entry("url", "https://factory.talos.dev/image/abc/v1.9.0/metal-amd64.iso"),
                        Map.entry("filename", "talos-v1.9.0.iso"),
                        Map.entry("content", "iso"),
                        Map.entry("checksum", "ab12"),
                        Map.entry("checksum-algorithm", "sha256"));
        assertThat(PveWire.body(transport.last()))
                .startsWith("url=https%3A%2F%2Ffactory.talos.dev%2Fimage%2Fabc%2Fv1.9.0%2Fmetal-amd64.iso&");
    }

    @Test
    void permissionsAndNextIdQueries() throws Exception {
        transport.respond(r -> new PveResponse(
                200,
                "OK",
                r.path().equals("/cluster/nextid")
                        ? "{\"data\":\"105\"}"
                        : "{\"data\":{\"/\":{\"Sys.Audit\":1,\"Sys.Modify\":0}}}"));

        assertThat(api.permissions("/vms/101").has("/vms/101", "Sys.Audit")).isTrue();
        assertThat(api.permissions("/vms/101").has("/vms/101", "Sys.Modify")).isFalse();
        assertThat(PveWire.target(transport.last())).isEqualTo("/access/permissions?path=%2Fvms%2F101");
        assertThat(api.permissions(null).has("/", "Sys.Audit")).isTrue();
        assertThat(PveWire.target(transport.last())).isEqualTo("/access/permissions");
        assertThat(api.checkVmidFree(105)).isEqualTo(105);
        assertThat(PveWire.target(transport.last())).isEqualTo("/cluster/nextid?vmid=105");
    }

    @Test
    void secretParametersAreRedactedWhenPrinted() {
        PveParams params = PveParams.builder()
                .add("username", "root@pam")
                .add("password", "hunter2")
                .add("cipassword", "s3cret")
                .build();

        assertThat(params.toString()).doesNotContain("hunter2", "s3cret").contains("username=root@pam");
    }

    @Test
    void wireEncodingEscapesEverythingButUnreserved() {
        assertThat(PveWire.encode("a b,c=d:e/f;g+h@i!j~k_l.m-n"))
                .isEqualTo("a%20b%2Cc%3Dd%3Ae%2Ff%3Bg%2Bh%40i%21j~k_l.m-n");
        assertThat(PveWire.encode("ümlaut")).isEqualTo("%C3%BCmlaut");
        assertThat(PveWire.path("nodes", "pve1", "storage", "local", "content", "local:iso/a b.iso"))
                .isEqualTo("/nodes/pve1/storage/local/content/local%3Aiso%2Fa%20b.iso");
        assertThatThrownBy(() -> PveWire.path("nodes", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        new PveRequest(PveMethod.GET, "/x", PveParams.empty(), new PveUpload(Path.of("x"), "x", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodedPathsDecodeBackToTheirSegments() {
        String upid = "UPID:pve2:0000A1B2:00C0FFEE:6530A1B2:vzdump:101:underlay@pve!operator:";
        String volid = "local:iso/talos v1.9+metal.iso";

        assertThat(PveWire.segments(PveWire.path("nodes", "pve2", "tasks", upid, "status")))
                .containsExactly("nodes", "pve2", "tasks", upid, "status");
        assertThat(PveWire.segments(PveWire.path("nodes", "pve1", "storage", "local", "content", volid)))
                .containsExactly("nodes", "pve1", "storage", "local", "content", volid);
        assertThat(PveWire.decode(PveWire.encode("ümlaut, ok"))).isEqualTo("ümlaut, ok");
    }

    private static List<Map.Entry<String, String>> params(PveRequest request) {
        return request.params().entries();
    }
}
