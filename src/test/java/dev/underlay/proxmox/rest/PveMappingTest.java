package dev.underlay.proxmox.rest;

import dev.underlay.proxmox.model.BackupJob;
import dev.underlay.proxmox.model.CephFlag;
import dev.underlay.proxmox.model.CephPoolStatus;
import dev.underlay.proxmox.model.HaMigrationResult;
import dev.underlay.proxmox.model.IncludedGuest;
import dev.underlay.proxmox.model.NodeStatus;
import dev.underlay.proxmox.model.NodeStorage;
import dev.underlay.proxmox.model.PendingConfigValue;
import dev.underlay.proxmox.model.PruneBackups;
import dev.underlay.proxmox.model.PveVersion;
import dev.underlay.proxmox.model.Storage;
import dev.underlay.proxmox.model.TaskLogLine;
import dev.underlay.proxmox.model.TaskSummary;
import dev.underlay.proxmox.model.Upid;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mapping of endpoints that have no captured fixture. The bodies are written after the official return schemas
 * (endpoints-9.1.3.md) and the quirks in NOTES.md, not captured from a cluster.
 */
class PveMappingTest {

    private static PveRestApi answering(String body) {
        return new PveRestApi(RecordingTransport.answering(200, "OK", body), PveVersion.parse("9.1.4"));
    }

    @Test
    void storageDefinitionsKeepUnknownOptions() throws Exception {
        List<Storage> storages = answering("{\"data\":[{\"storage\":\"vm-disks\",\"type\":\"rbd\",\"content\":"
                        + "\"images,rootdir\",\"pool\":\"vm-disks\",\"krbd\":1,\"digest\":\"d1\"},{\"storage\":\"backup-nfs\","
                        + "\"type\":\"nfs\",\"content\":\"backup\",\"server\":\"10.0.1.5\",\"export\":\"/srv/backup\","
                        + "\"path\":\"/mnt/pve/backup-nfs\",\"prune-backups\":\"keep-daily=7,keep-weekly=4\",\"nodes\":"
                        + "\"pve-ms01-01,pve-ms01-02\",\"disable\":0}]}")
                .storages();

        assertThat(storages.get(0).isRbd()).isTrue();
        assertThat(storages.get(0).krbd()).isTrue();
        assertThat(storages.get(0).content()).containsExactly("images", "rootdir");
        assertThat(storages.get(1).pruneBackups().keepDaily()).isEqualTo(7);
        assertThat(storages.get(1).nodes()).containsExactly("pve-ms01-01", "pve-ms01-02");
        assertThat(storages.get(1).disabled()).isFalse();
        assertThat(storages.get(1).other()).containsEntry("server", "10.0.1.5").containsEntry("export", "/srv/backup");
    }

    @Test
    void nodeStorageUsage() throws Exception {
        PveRestApi api = answering("{\"data\":[{\"storage\":\"local\",\"type\":\"dir\",\"content\":\"iso,backup\","
                + "\"active\":1,\"enabled\":1,\"shared\":0,\"total\":100,\"used\":40,\"avail\":60,"
                + "\"used_fraction\":0.4}]}");

        NodeStorage local = api.nodeStorages("pve1").get(0);
        assertThat(local.active()).isTrue();
        assertThat(local.used()).isEqualTo(40);
        assertThat(local.usedFraction()).isEqualTo(0.4);

        NodeStorage status = answering("{\"data\":{\"type\":\"rbd\",\"content\":\"images\",\"active\":1,"
                        + "\"total\":\"1000\",\"used\":\"10\",\"avail\":\"990\"}}")
                .storageStatus("pve1", "vm-disks");
        assertThat(status.storage()).isEqualTo("vm-disks");
        assertThat(status.enabled()).isTrue();
        assertThat(status.avail()).isEqualTo(990);
    }

    @Test
    void nodeStatusConvertsStringLoadAverages() throws Exception {
        NodeStatus status = answering("{\"data\":{\"pveversion\":\"pve-manager/9.1.4/5ac30304265fbd8e\",\"cpu\":0.02,"
                        + "\"loadavg\":[\"0.15\",\"0.20\",\"0.31\"],\"memory\":{\"total\":103079215104,\"used\":1,\"free\":2},"
                        + "\"rootfs\":{\"total\":10,\"used\":5},\"uptime\":3600,\"cpuinfo\":{\"cpus\":20,\"cores\":14,"
                        + "\"sockets\":1,\"model\":\"Intel(R) Core(TM) i9-13900H\"},\"current-kernel\":{\"release\":"
                        + "\"6.17.4-1-pve\"},\"boot-info\":{\"mode\":\"efi\"}}}")
                .nodeStatus("pve-ms01-01");

        assertThat(status.loadAverage()).containsExactly(0.15, 0.20, 0.31);
        assertThat(status.version()).contains(PveVersion.parse("9.1.4"));
        assertThat(status.memoryTotal()).isEqualTo(103079215104L);
        assertThat(status.cpus()).isEqualTo(20);
        assertThat(status.kernelRelease()).isEqualTo("6.17.4-1-pve");
        assertThat(status.bootMode()).isEqualTo("efi");
    }

    @Test
    void pendingChanges() throws Exception {
        List<PendingConfigValue> pending = answering(
                        "{\"data\":[{\"key\":\"cores\",\"value\":2,\"pending\":4},"
                                + "{\"key\":\"net1\",\"value\":\"virtio,bridge=vmbr1\",\"delete\":1},{\"key\":\"name\",\"value\":\"a\"}]}")
                .vmPending("pve1", 101);

        assertThat(pending).extracting(PendingConfigValue::hasPendingChange).containsExactly(true, true, false);
        assertThat(pending.get(0).pending()).isEqualTo("4");
        assertThat(pending.get(1).delete()).isEqualTo(1);
    }

    @Test
    void backupJobWithPruneBackupsAsObjectAndIncludedVolumes() throws Exception {
        BackupJob job = answering("{\"data\":{\"id\":\"underlay-1\",\"type\":\"vzdump\",\"schedule\":\"02:00\","
                        + "\"storage\":\"pbs\",\"vmid\":\"101\",\"enabled\":\"0\",\"prune-backups\":{\"keep-last\":\"3\","
                        + "\"keep-daily\":7}}}")
                .backupJob("underlay-1");

        assertThat(job.enabled()).isFalse();
        assertThat(job.pruneBackups()).isEqualTo(PruneBackups.parse("keep-daily=7,keep-last=3"));
        assertThat(job.type()).isEqualTo("vzdump");

        List<IncludedGuest> included = answering("{\"data\":{\"children\":[{\"id\":101,\"name\":\"talos-cp-01\","
                        + "\"type\":\"qemu\",\"children\":[{\"id\":\"scsi0\",\"name\":\"vm-disks:vm-101-disk-0\",\"included\":1,"
                        + "\"reason\":\"enabled\"},{\"id\":\"scsi1\",\"name\":\"local:vm-101-disk-1\",\"included\":0,"
                        + "\"reason\":\"disabled\"}]}]}}")
                .backupJobIncludedVolumes("underlay-1");
        assertThat(included).singleElement().satisfies(g -> {
            assertThat(g.vmid()).isEqualTo(101);
            assertThat(g.volumes()).extracting(IncludedGuest.Volume::included).containsExactly(true, false);
        });

        assertThat(answering("{\"data\":[{\"vmid\":\"205\",\"type\":\"qemu\",\"name\":\"scratch\"}]}")
                        .notBackedUp())
                .singleElement()
                .satisfies(n -> assertThat(n.vmid()).isEqualTo(205));
    }

    @Test
    void haListsAndMigrationAnswers() throws Exception {
        assertThat(answering(
                                "{\"data\":[{\"group\":\"general\",\"nodes\":\"pve-ms01-01:2,pve-ms01-02\",\"restricted\":1,"
                                        + "\"nofailback\":0,\"type\":\"group\",\"digest\":\"d\"}]}")
                        .haGroups())
                .singleElement()
                .satisfies(g -> {
                    assertThat(g.nodes()).hasSize(2);
                    assertThat(g.restricted()).isTrue();
                    assertThat(g.nofailback()).isFalse();
                });
        assertThat(answering("{\"data\":[{\"sid\":\"vm:101\",\"type\":\"vm\",\"state\":\"started\",\"failback\":1,"
                                + "\"max_restart\":1,\"max_relocate\":1,\"digest\":\"d\"}]}")
                        .haResources())
                .singleElement()
                .satisfies(r -> assertThat(r.failback()).isTrue());
        assertThat(answering("{\"data\":[{\"rule\":\"spread\",\"type\":\"resource-affinity\",\"affinity\":\"negative\","
                                + "\"resources\":\"vm:101,vm:102\",\"order\":1}]}")
                        .haRules())
                .singleElement()
                .satisfies(r -> assertThat(r.resources()).containsExactly("vm:101", "vm:102"));

        Optional<HaMigrationResult> pve9 = answering("{\"data\":{\"sid\":\"vm:101\",\"requested-node\":\"pve2\","
                        + "\"comigrated-resources\":[\"vm:102\"],\"blocking-resources\":[{\"sid\":\"vm:103\",\"cause\":"
                        + "\"resource-affinity\"}]}}")
                .migrateHaResource("vm:101", "pve2");
        assertThat(pve9).hasValueSatisfying(m -> {
            assertThat(m.comigratedResources()).containsExactly("vm:102");
            assertThat(m.blockingResources())
                    .containsExactly(new HaMigrationResult.Blocking("vm:103", "resource-affinity"));
        });
        assertThat(answering("{\"data\":null}").relocateHaResource("vm:101", "pve2"))
                .isEmpty();
    }

    @Test
    void cephFlagsAndPoolUsage() throws Exception {
        assertThat(answering("{\"data\":[{\"name\":\"noout\",\"value\":1,\"description\":\"OSDs will not ...\"},"
                                + "{\"name\":\"future-flag\",\"value\":0}]}")
                        .cephFlags())
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.flag()).isEqualTo(CephFlag.NOOUT);
                    assertThat(f.value()).isTrue();
                });
        assertThat(answering("{\"data\":1}").cephFlag(CephFlag.NOOUT)).isTrue();
        assertThat(answering("{\"data\":false}").cephFlag(CephFlag.NOOUT)).isFalse();

        CephPoolStatus status = answering("{\"data\":{\"name\":\"vm-disks\",\"id\":3,\"size\":3,\"min_size\":2,"
                        + "\"nodelete\":\"1\",\"statistics\":{\"bytes_used\":3221225472,\"stored\":1073741824,"
                        + "\"max_avail\":5e12,\"objects\":\"256\",\"percent_used\":0.002}}}")
                .cephPool("pve1", "vm-disks");
        assertThat(status.nodelete()).isTrue();
        assertThat(status.holdsData()).isTrue();
        assertThat(status.usage().maxAvail()).isEqualTo(5_000_000_000_000L);
        assertThat(status.usage().objects()).isEqualTo(256);
    }

    @Test
    void clusterTasksAndLogs() throws Exception {
        List<TaskSummary> tasks = answering("{\"data\":[{\"upid\":\"UPID:pve2:0000A1B2:00C0FFEE:6530A1B2:qmigrate:101:"
                        + "underlay@pve!operator:\",\"node\":\"pve2\",\"type\":\"qmigrate\",\"id\":\"101\",\"user\":"
                        + "\"underlay@pve!operator\",\"starttime\":1697685938},{\"upid\":\"not-a-upid\"}]}")
                .clusterTasks();

        assertThat(tasks).singleElement().satisfies(t -> {
            assertThat(t.isRunning()).isTrue();
            assertThat(t.upid().tokenId()).contains("operator");
        });

        List<TaskLogLine> log = answering("{\"data\":[{\"n\":1,\"t\":\"starting migration\"},{\"n\":2,\"t\":"
                        + "\"TASK ERROR: VM is locked (backup)\"}]}")
                .taskLog(Upid.parse("UPID:pve2:0000A1B2:00C0FFEE:6530A1B2:qmigrate:101:root@pam:"), 0, 50);
        assertThat(log).last().satisfies(l -> assertThat(l.text()).startsWith("TASK ERROR"));
    }
}
