package dev.underlay.proxmox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.proxmox.AuthenticationException;
import dev.underlay.proxmox.ConflictException;
import dev.underlay.proxmox.GuestAgentException;
import dev.underlay.proxmox.HaGroupsMigratedException;
import dev.underlay.proxmox.InvalidParameterException;
import dev.underlay.proxmox.LockedException;
import dev.underlay.proxmox.PermissionDeniedException;
import dev.underlay.proxmox.TransientException;
import dev.underlay.proxmox.model.CephOsd;
import dev.underlay.proxmox.model.CephOsdTree;
import dev.underlay.proxmox.model.CephPool;
import dev.underlay.proxmox.model.CephPoolStatus;
import dev.underlay.proxmox.model.CephStatus;
import dev.underlay.proxmox.model.CloneVmRequest;
import dev.underlay.proxmox.model.ClusterResource;
import dev.underlay.proxmox.model.ClusterResourceType;
import dev.underlay.proxmox.model.ClusterStatus;
import dev.underlay.proxmox.model.DiskDevice;
import dev.underlay.proxmox.model.DiskSize;
import dev.underlay.proxmox.model.GuestNetworkInterface;
import dev.underlay.proxmox.model.GuestSummary;
import dev.underlay.proxmox.model.HaManagerStatus;
import dev.underlay.proxmox.model.HaRule;
import dev.underlay.proxmox.model.HaStatusEntry;
import dev.underlay.proxmox.model.NetDevice;
import dev.underlay.proxmox.model.NodePriority;
import dev.underlay.proxmox.model.NodeResource;
import dev.underlay.proxmox.model.NodeSummary;
import dev.underlay.proxmox.model.PveVersion;
import dev.underlay.proxmox.model.StorageContent;
import dev.underlay.proxmox.model.StorageResource;
import dev.underlay.proxmox.model.TaskQuery;
import dev.underlay.proxmox.model.TaskStatus;
import dev.underlay.proxmox.model.TaskSummary;
import dev.underlay.proxmox.model.Upid;
import dev.underlay.proxmox.model.VmConfig;
import dev.underlay.proxmox.model.VmConfigChange;
import dev.underlay.proxmox.model.VmResource;
import dev.underlay.proxmox.model.VmStatus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Every real PVE body in {@code pve-fixtures/} goes through the client's own mapping: the scripted transport
 * answers with the fixture's body, HTTP status and reason phrase (taken from its {@code .source.md}, or from the
 * fixture itself for non-JSON answers), and the check asserts the meaningful fields or the exception class.
 * A fixture without a check fails {@link #everyFixture()}.
 */
class PveFixturesTest {

    private static final Pattern STATUS_LINE = Pattern.compile("status line `HTTP/1\\.1 (\\d{3}) (.*)`");
    private static final Pattern HTTP_STATUS = Pattern.compile("- HTTP status: (\\d{3})");
    private static final PveVersion PVE_9 = PveVersion.parse("9.1.4");

    interface Check {
        void verify(PveRestApi api, RecordingTransport transport) throws Exception;
    }

    private static final Map<String, Check> CHECKS = new TreeMap<>();

    static {
        CHECKS.put("ceph-osd-tree__community-proxmox-squid", (api, t) -> {
            CephOsdTree tree = api.cephOsdTree("srv-proxmox-01");
            assertThat(tree.osds()).extracting(CephOsd::name).containsExactlyInAnyOrder("osd.0", "osd.1");
            CephOsd osd0 =
                    tree.osds().stream().filter(o -> o.id() == 0).findFirst().orElseThrow();
            assertThat(osd0.host()).isEqualTo("srv-proxmox-01");
            assertThat(osd0.isUp()).isTrue();
            assertThat(osd0.in()).isTrue();
            assertThat(osd0.totalSpace()).isEqualTo(17175674880L);
            assertThat(osd0.deviceClass()).isEqualTo("hdd");
            CephOsd osd1 = tree.onHost("srv-proxmox-03").get(0);
            assertThat(osd1.isUp()).isFalse();
            assertThat(osd1.in()).isFalse();
            assertThat(osd1.reweight()).isZero();
            assertThat(tree.flags())
                    .containsExactly("sortbitwise", "recovery_deletes", "purged_snapdirs", "pglog_hardlimit");
            assertThat(t.last().path()).isEqualTo("/nodes/srv-proxmox-01/ceph/osd");
        });
        CHECKS.put("ceph-pool-list__community-proxmox", (api, t) -> {
            CephPool pool = single(api.cephPools("pve1"));
            assertThat(pool.name()).isEqualTo("test");
            assertThat(pool.id()).isEqualTo(20);
            assertThat(pool.crushRule()).isZero();
            assertThat(pool.crushRuleName()).isEqualTo("replicated_rule");
            assertThat(pool.size()).isEqualTo(3);
            assertThat(pool.minSize()).isEqualTo(2);
            assertThat(pool.pgNum()).isEqualTo(128);
            assertThat(pool.pgNumFinal()).isEqualTo(32);
            assertThat(pool.targetSize()).isNull();
            assertThat(pool.pgNumMin()).isNull();
            assertThat(pool.applications()).containsExactly("rbd");
            assertThat(pool.pgAutoscaleMode()).isEqualTo("warn");
        });
        CHECKS.put("ceph-pool-status__community-proxmox", (api, t) -> {
            CephPoolStatus status = api.cephPool("pve1", "test");
            assertThat(status.id()).isEqualTo(20);
            assertThat(status.size()).isEqualTo(3);
            assertThat(status.pgpNum()).isEqualTo(128);
            assertThat(status.crushRule()).isEqualTo("replicated_rule");
            assertThat(status.nodelete()).isFalse();
            assertThat(status.targetSizeRatio()).isNull();
            assertThat(status.usage()).isNull();
            assertThat(status.holdsData()).isFalse();
            assertThat(t.last().params().first("verbose")).isEqualTo("1");
        });
        CHECKS.put("cluster-backup__community-proxmox", (api, t) -> {
            var jobs = api.backupJobs();
            assertThat(jobs).hasSize(2);
            assertThat(jobs.get(0).vmids()).containsExactly(100);
            assertThat(jobs.get(1).vmids()).containsExactly(100, 101, 102);
            assertThat(jobs.get(1).id()).isEqualTo("backup-70025700-2302");
            assertThat(jobs.get(1).schedule()).isEqualTo("sat 15:00");
            assertThat(jobs.get(1).enabled()).isTrue();
            assertThat(jobs.get(1).nextRun()).isEqualTo(1735385400L);
            assertThat(jobs.get(1).mode()).isEqualTo("snapshot");
            assertThat(jobs.get(1).notesTemplate()).isEqualTo("guestname");
            assertThat(jobs.get(1).withoutServerFields().nextRun()).isNull();
        });
        CHECKS.put("cluster-ceph-status__go-proxmox-pve8-reef", (api, t) -> {
            CephStatus status = api.cephStatus();
            assertThat(status.health()).isEqualTo("HEALTH_WARN");
            assertThat(status.isHealthOk()).isFalse();
            assertThat(status.checks()).containsKeys("POOL_NEARFULL", "OSD_NEARFULL");
            assertThat(status.checks().get("POOL_NEARFULL").count()).isEqualTo(4);
            assertThat(status.checks().get("OSD_NEARFULL").summary()).isEqualTo("3 nearfull osd(s)");
            assertThat(status.numOsds()).isEqualTo(21);
            assertThat(status.numUpOsds()).isEqualTo(21);
            assertThat(status.numInOsds()).isEqualTo(21);
            assertThat(status.quorumNames()).containsExactly("proxmox-node01", "proxmox-node03", "proxmox-node02");
            assertThat(status.bytesTotal()).isEqualTo(51850204151808L);
            assertThat(status.bytesUsed()).isEqualTo(31663826219008L);
            assertThat(status.numPgs()).isEqualTo(577);
            assertThat(status.allPgsActiveClean()).isTrue();
            assertThat(status.fsid()).isEqualTo("d11c6ea1-7ab2-41fa-99c5-b85f4d7ffd49");
        });
        CHECKS.put(
                "cluster-nextid__go-proxmox-pve8x",
                (api, t) -> assertThat(api.nextVmid()).isEqualTo(100));
        CHECKS.put("cluster-resources-type-node__community-proxmox", (api, t) -> {
            List<ClusterResource> rows = api.clusterResources(ClusterResourceType.NODE);
            assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r).isInstanceOf(NodeResource.class));
            NodeResource node = (NodeResource) rows.get(0);
            assertThat(node.node()).isEqualTo("srv-proxmox-02");
            assertThat(node.cgroupMode()).isEqualTo(2);
            assertThat(node.isOnline()).isTrue();
            assertThat(node.maxMem()).isEqualTo(2063962112L);
            assertThat(t.last().params().first("type")).isEqualTo("node");
        });
        CHECKS.put("cluster-resources-type-vm__community-proxmox", (api, t) -> {
            List<VmResource> vms = api.clusterResources(ClusterResourceType.VM).stream()
                    .map(VmResource.class::cast)
                    .toList();
            assertThat(vms).hasSize(6);
            assertThat(vms.stream().filter(VmResource::isQemu))
                    .extracting(VmResource::vmid)
                    .containsExactly(100, 101);
            assertThat(vms.get(1).pool()).isEqualTo("pool1");
            assertThat(vms.get(1).node()).isEqualTo("pve2");
            assertThat(vms.get(0).pool()).isNull();
            assertThat(vms.get(0).isRunning()).isTrue();
            assertThat(vms.get(5).name()).isNullOrEmpty();
            assertThat(vms.get(5).type()).isEqualTo("lxc");
        });
        CHECKS.put("cluster-resources__go-proxmox-pve8x", (api, t) -> {
            List<ClusterResource> rows = api.clusterResources();
            assertThat(rows).hasSize(20);
            List<VmResource> vms = rows.stream()
                    .filter(VmResource.class::isInstance)
                    .map(VmResource.class::cast)
                    .toList();
            assertThat(vms).extracting(VmResource::vmid).containsExactly(100, 101, 102, 200);
            assertThat(vms.get(0).cpu()).isCloseTo(0.0249060195469461, within(1e-12));
            assertThat(vms.get(1).template()).isTrue();
            assertThat(vms.get(1).lock()).isNull();
            assertThat(vms.get(2).tags()).containsExactly("go-proxmox+cloud-init");
            assertThat(rows.stream().filter(NodeResource.class::isInstance)).hasSize(4);
            StorageResource local = rows.stream()
                    .filter(StorageResource.class::isInstance)
                    .map(StorageResource.class::cast)
                    .filter(s -> s.id().equals("storage/node1/local"))
                    .findFirst()
                    .orElseThrow();
            assertThat(local.content()).containsExactly("backup", "vztmpl", "iso");
            assertThat(local.shared()).isFalse();
            assertThat(local.pluginType()).isEqualTo("dir");
            assertThat(local.maxDisk()).isEqualTo(951055941632L);
        });
        CHECKS.put("cluster-status__go-proxmox-pve8x", (api, t) -> {
            ClusterStatus status = api.clusterStatus();
            assertThat(status.clusterName()).isEqualTo("clustername");
            assertThat(status.isQuorate()).isTrue();
            assertThat(status.nodeCount()).isEqualTo(4);
            assertThat(status.configVersion()).isEqualTo(4);
            assertThat(status.nodes()).hasSize(4);
            assertThat(status.onlineNodes()).containsExactlyInAnyOrder("node1", "node2", "node3", "node4");
            assertThat(status.node("node1").orElseThrow().local()).isTrue();
            assertThat(status.node("node2").orElseThrow().ip()).isEqualTo("192.168.1.2");
        });
        CHECKS.put("error-400-nextid-vmid-exists__go-proxmox-pve8x", (api, t) -> {
            assertThatThrownBy(() -> api.checkVmidFree(200)).isInstanceOfSatisfying(ConflictException.class, e -> {
                assertThat(e.getMessage()).contains("VM 200 already exists");
                assertThat(e.httpStatus()).isEqualTo(400);
            });
            assertThat(t.last().params().first("vmid")).isEqualTo("200");
        });
        CHECKS.put(
                "error-400-param-verification__whmcs-issue92",
                (api, t) -> assertThatThrownBy(
                                () -> api.cloneVm("pve1", 9000, CloneVmRequest.fullClone(123, "x", "local-lvm")))
                        .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                            assertThat(e.errors()).containsOnlyKeys("ipconfig0", "vmid");
                            assertThat(e.errors().get("vmid")).startsWith("invalid format");
                            assertThat(e.getMessage()).contains("400 Parameter verification failed.");
                            assertThat(e.isRetryable()).isFalse();
                        }));
        CHECKS.put(
                "error-401-no-ticket__derived-from-source",
                (api, t) -> assertThatThrownBy(api::version)
                        .isInstanceOfSatisfying(
                                AuthenticationException.class,
                                e -> assertThat(e.getMessage()).contains("401 No ticket")));
        CHECKS.put(
                "error-403-token-not-allowed__derived-from-source",
                (api, t) -> assertThatThrownBy(api::clusterStatus)
                        .isInstanceOfSatisfying(
                                PermissionDeniedException.class,
                                e -> assertThat(e.getMessage()).contains("not available with API token")));
        CHECKS.put(
                "error-500-guest-agent-not-running__centreon-mockoon",
                (api, t) -> assertThatThrownBy(() -> api.guestNetworkInterfaces("pve1", 101))
                        .isInstanceOfSatisfying(GuestAgentException.class, e -> {
                            assertThat(e.isRetryable()).isTrue();
                            assertThat(e.getMessage()).contains("QEMU guest agent is not running");
                        }));
        CHECKS.put(
                "error-500-ha-groups-migrated__derived-from-source",
                (api, t) -> assertThatThrownBy(api::haGroups)
                        .isInstanceOf(HaGroupsMigratedException.class)
                        .hasMessageContaining("cannot index groups: ha groups have been migrated to rules"));
        CHECKS.put(
                "error-500-lock-timeout__whmcs-issue83",
                (api, t) -> assertThatThrownBy(
                                () -> api.cloneVm("pve1", 9000, CloneVmRequest.fullClone(203, "x", null)))
                        .isInstanceOfSatisfying(LockedException.class, e -> {
                            assertThat(e.lock()).isEmpty();
                            assertThat(e.isRetryable()).isTrue();
                            assertThat(e.getMessage()).contains("lock-203.conf' - got timeout");
                        }));
        CHECKS.put(
                "error-500-vm-locked__derived-from-source",
                (api, t) -> assertThatThrownBy(() -> api.updateVmConfig(
                                "pve1",
                                101,
                                VmConfigChange.builder().set("cores", "2").build()))
                        .isInstanceOfSatisfying(
                                LockedException.class, e -> assertThat(e.lock()).contains("backup")));
        CHECKS.put(
                "error-595-connection-refused__zabbix-proxmox-issue20",
                (api, t) -> assertThatThrownBy(() -> api.nodeStatus("pve2"))
                        .isInstanceOfSatisfying(TransientException.class, e -> {
                            assertThat(e.httpStatus()).isEqualTo(595);
                            assertThat(e.getMessage()).contains("proxy handshake: Connection refused");
                        }));
        CHECKS.put(
                "error-596-broken-pipe__ansible-proxmox-inventory-pr33",
                (api, t) -> assertThatThrownBy(() -> api.nodeStatus("pve2"))
                        .isInstanceOfSatisfying(
                                TransientException.class,
                                e -> assertThat(e.getMessage()).contains("596 Broken pipe")));
        CHECKS.put(
                "error-596-tls-timeout__zabbix-proxmox-issue32",
                (api, t) -> assertThatThrownBy(() -> api.nodeStatus("pve2"))
                        .isInstanceOfSatisfying(
                                TransientException.class,
                                e -> assertThat(e.getMessage()).contains("Errors during TLS negotiation")));
        CHECKS.put("ha-manager-status__pegaprox-pve9.2.10-maintenance", (api, t) -> {
            HaManagerStatus status = api.haManagerStatus();
            assertThat(status.masterNode()).isEqualTo("pve-node-b1");
            assertThat(status.quorate()).isTrue();
            assertThat(status.isInMaintenance("pve-node-c1")).isTrue();
            assertThat(status.isInMaintenance("pve-node-c2")).isTrue();
            assertThat(status.isInMaintenance("pve-node-a1")).isFalse();
            assertThat(status.maintenanceRequested()).containsExactlyInAnyOrder("pve-node-c1", "pve-node-c2");
            assertThat(status.lrmStatus().get("pve-node-a2").state()).isEqualTo("active");
            assertThat(status.lrmStatus().get("pve-node-c1").mode()).isEqualTo("maintenance");
        });
        CHECKS.put("ha-rule__community-proxmox-doc-sample", (api, t) -> {
            HaRule rule = api.haRule("ha-rule1");
            assertThat(rule.type()).isEqualTo(HaRule.Type.NODE_AFFINITY);
            assertThat(rule.resources()).containsExactly("vm:100");
            assertThat(rule.nodes())
                    .containsExactly(new NodePriority("proxmox01", 10), new NodePriority("proxmox02", 10));
            assertThat(rule.strict()).isFalse();
            assertThat(rule.disable()).isFalse();
            assertThat(rule.order()).isEqualTo(2);
            assertThat(rule.comment()).isEqualTo("My first ha rule");
            assertThat(rule.digest()).isEqualTo("f19acd44b43052343763cd9fd45a03b7449b3e2f");
        });
        CHECKS.put("ha-status-current__pegaprox-pve9.2.10-maintenance", (api, t) -> {
            List<HaStatusEntry> entries = api.haStatus();
            assertThat(entries).hasSize(10);
            assertThat(entries.get(0)).isEqualTo(new HaStatusEntry.Quorum("pve-node-a1", true, "OK"));
            assertThat(entries)
                    .filteredOn(HaStatusEntry.Fencing.class::isInstance)
                    .singleElement()
                    .satisfies(f ->
                            assertThat(((HaStatusEntry.Fencing) f).armedState()).isEqualTo("armed"));
            List<HaStatusEntry.Lrm> lrms = entries.stream()
                    .filter(HaStatusEntry.Lrm.class::isInstance)
                    .map(HaStatusEntry.Lrm.class::cast)
                    .toList();
            assertThat(lrms).hasSize(6);
            assertThat(lrms.stream().filter(HaStatusEntry.Lrm::inMaintenance))
                    .extracting(HaStatusEntry::node)
                    .containsExactly("pve-node-c1", "pve-node-c2");
            HaStatusEntry.Service service = entries.stream()
                    .filter(HaStatusEntry.Service.class::isInstance)
                    .map(HaStatusEntry.Service.class::cast)
                    .findFirst()
                    .orElseThrow();
            assertThat(service.sid()).isEqualTo("vm:100");
            assertThat(service.state()).isEqualTo("started");
            assertThat(service.node()).isEqualTo("pve-node-a2");
            assertThat(service.failback()).isTrue();
            assertThat(service.maxRestart()).isEqualTo(2);
        });
        CHECKS.put("lxc-list__community-proxmox", (api, t) -> {
            List<GuestSummary> guests = api.listContainers("pve");
            assertThat(guests).extracting(GuestSummary::vmid).containsExactly(103, 102, 104, 105);
            assertThat(guests.get(1).isRunning()).isTrue();
            assertThat(guests.get(1).pid()).isEqualTo(4076752L);
            assertThat(guests.get(0).pid()).isNull();
        });
        CHECKS.put("node-tasks-list__community-proxmox-pve6.4", (api, t) -> {
            List<TaskSummary> tasks = api.nodeTasks("iaclab-01-01", TaskQuery.forVm(100));
            assertThat(tasks).hasSize(3);
            assertThat(tasks.get(0).isSuccess()).isTrue();
            assertThat(tasks.get(1).isFailed()).isTrue();
            assertThat(tasks.get(1).status()).isEqualTo("command 'ifreload -a' failed: exit code 1");
            assertThat(tasks.get(1).upid().pid()).isEqualTo(10717L);
            assertThat(tasks.get(1).endTime()).isEqualTo(1627975785L);
            assertThat(t.last().params().first("vmid")).isEqualTo("100");
            assertThat(t.last().params().first("source")).isEqualTo("all");
        });
        CHECKS.put("nodes__go-proxmox-pve9x", (api, t) -> {
            List<NodeSummary> nodes = api.nodes();
            assertThat(nodes)
                    .hasSize(4)
                    .allSatisfy(n -> assertThat(n.isOnline()).isTrue());
            assertThat(nodes.get(0).maxMem()).isEqualTo(33568288768L);
            assertThat(nodes.get(0).maxCpu()).isEqualTo(12);
            assertThat(nodes.get(1).sslFingerprint()).startsWith("17:F1:B6:52");
        });
        CHECKS.put(
                "qemu-agent-network-get-interfaces-unsupported__community-proxmox-pve6.2",
                (api, t) -> assertThatThrownBy(() -> api.guestNetworkInterfaces("pve1", 101))
                        .isInstanceOfSatisfying(GuestAgentException.class, e -> {
                            assertThat(e.agentErrorClass()).contains("Unsupported");
                            assertThat(e.isRetryable()).isFalse();
                            assertThat(e.getMessage()).contains("not currently supported");
                        }));
        CHECKS.put("qemu-agent-network-get-interfaces__community-proxmox-pve6.2", (api, t) -> {
            List<GuestNetworkInterface> nics = api.guestNetworkInterfaces("pve1", 101);
            assertThat(nics).extracting(GuestNetworkInterface::name).containsExactly("lo", "eth0", "docker0");
            GuestNetworkInterface eth0 = nics.get(1);
            assertThat(eth0.hardwareAddress()).isEqualTo("ff:ff:ff:ff:ff:ff");
            assertThat(eth0.ipAddresses()).contains(new GuestNetworkInterface.IpAddress("10.1.2.3", "ipv4", 24));
            assertThat(t.last().path()).isEqualTo("/nodes/pve1/qemu/101/agent/network-get-interfaces");
        });
        CHECKS.put("qemu-config-extjs-format__go-comment-pve8.1", (api, t) -> {
            VmConfig config = api.vmConfig("pve1", 113);
            assertThat(config.digest()).isEqualTo("3b53178a656bdb9326fd1c59d7fd3657ed1ca7dd");
            assertThat(config.memory().orElseThrow().currentMiB()).isEqualTo(2048);
            assertThat(config.get("success")).isEmpty();
            NetDevice net0 = config.nets().get("net0");
            assertThat(net0.model()).isEqualTo("virtio");
            assertThat(net0.macAddress()).isEqualTo("BC:24:11:83:B5:D8");
            assertThat(net0.bridge()).isEqualTo("vmbr0");
            assertThat(net0.firewall()).isTrue();
            assertThat(net0.toString()).isEqualTo("virtio=BC:24:11:83:B5:D8,bridge=vmbr0,firewall=1");
            DiskDevice scsi0 = config.disks().get("scsi0");
            assertThat(scsi0.storage()).contains("disk3");
            assertThat(scsi0.size()).contains(DiskSize.ofGiB(10));
            assertThat(config.disks().get("ide2").isCdrom()).isTrue();
            assertThat(config.boot()).contains("order=scsi0;ide2;net0");
            assertThat(config.cores()).hasValue(1);
        });
        CHECKS.put("qemu-config__go-proxmox-issue69-pve7", (api, t) -> {
            VmConfig config = api.vmConfig("pve1", 505);
            assertThat(config.memory().orElseThrow().currentMiB()).isEqualTo(2048);
            assertThat(config.cpuLimit()).contains(0.4);
            assertThat(config.agentEnabled()).isTrue();
            assertThat(config.ipConfigs()).containsEntry("ipconfig0", "gw=192.168.0.1,ip=192.168.0.154/24");
            assertThat(config.disks().get("scsi0").size()).contains(DiskSize.ofGiB(60));
            assertThat(config.disks().get("ide2").isCloudInit()).isTrue();
            assertThat(config.disks().get("ide2").size()).contains(DiskSize.ofMiB(4));
            assertThat(config.rest()).containsEntry("cipassword", "**********").containsEntry("ciuser", "root");
            assertThat(config.name()).contains("minha-nova-vps");
        });
        CHECKS.put("qemu-config__rust-mock-qemu9.2", (api, t) -> {
            VmConfig config = api.vmConfig("pve1", 555);
            assertThat(config.memory().orElseThrow().currentMiB()).isEqualTo(1024);
            assertThat(config.onboot()).isTrue();
            assertThat(config.template()).isFalse();
            DiskDevice scsi0 = config.disks().get("scsi0");
            assertThat(scsi0.volume()).isEqualTo("ceph-pool-nvme-01:vm-555-disk-0");
            assertThat(scsi0.options()).containsEntry("discard", "on").containsEntry("ssd", "1");
            assertThat(scsi0.toString()).isEqualTo("ceph-pool-nvme-01:vm-555-disk-0,discard=on,size=50G,ssd=1");
            assertThat(config.rest()).containsKeys("cicustom", "nameserver", "serial0", "vga", "numa");
            assertThat(config.get("vmid")).isEmpty();
        });
        CHECKS.put("qemu-list__community-proxmox", (api, t) -> {
            List<GuestSummary> vms = api.listVms("pve");
            assertThat(vms).extracting(GuestSummary::vmid).containsExactly(101, 100);
            assertThat(vms.get(0).pid()).isNull();
            assertThat(vms.get(1).pid()).isEqualTo(4076688L);
            assertThat(vms.get(1).maxMem()).isEqualTo(4294967296L);
        });
        CHECKS.put("qemu-status-current-running__go-proxmox", (api, t) -> {
            VmStatus status = api.vmStatus("pve1", 101);
            assertThat(status.isRunning()).isTrue();
            assertThat(status.qmpStatus()).isEqualTo("running");
            assertThat(status.pid()).isEqualTo(1563102L);
            assertThat(status.agent()).isTrue();
            assertThat(status.haManaged()).isFalse();
            assertThat(status.runningMachine()).isEqualTo("pc-i440fx-8.0+pve0");
            assertThat(status.maxMem()).isEqualTo(2097152000L);
            assertThat(status.cpus()).isEqualTo(8.0);
        });
        CHECKS.put("qemu-status-current-stopped__community-proxmox-pve6.2", (api, t) -> {
            VmStatus status = api.vmStatus("pve1", 101);
            assertThat(status.isRunning()).isFalse();
            assertThat(status.qmpStatus()).isEqualTo("stopped");
            assertThat(status.pid()).isNull();
            assertThat(status.runningMachine()).isNull();
            assertThat(status.name()).isEqualTo("test-qemu");
        });
        CHECKS.put("storage-content-backup-pbs__community-proxmox", (api, t) -> {
            List<StorageContent> backups = api.storageContent("pve1", "datastore", "backup", 931);
            assertThat(backups).hasSize(2).allSatisfy(b -> {
                assertThat(b.vmid()).isEqualTo(931);
                assertThat(b.format()).isEqualTo("pbs-vm");
                assertThat(b.subtype()).isEqualTo("qemu");
            });
            assertThat(backups.get(0).volid()).isEqualTo("datastore:backup/vm/931/2023-12-14T04:34:34Z");
            assertThat(backups.get(0).size()).isEqualTo(273804166061L);
            assertThat(t.last().params().first("content")).isEqualTo("backup");
            assertThat(t.last().params().first("vmid")).isEqualTo("931");
        });
        CHECKS.put("task-status-running__proxmoxer-pve7.2", (api, t) -> {
            TaskStatus status =
                    api.taskStatus(Upid.parse("UPID:node1:000FF1FD:10F9374C:630D702C:vzdump:110:root@pam:"));
            assertThat(status.running()).isTrue();
            assertThat(status.isSuccess()).isFalse();
            assertThat(status.isFailed()).isFalse();
            assertThat(status.exitStatus()).isNull();
            assertThat(t.last().path()).startsWith("/nodes/node1/tasks/UPID%3Anode1%3A");
        });
        CHECKS.put("task-status-stopped-error__proxmoxer-pve7.2", (api, t) -> {
            TaskStatus status =
                    api.taskStatus(Upid.parse("UPID:node1:000FF1FD:10F9374C:630D702C:vzdump:110:root@pam:"));
            assertThat(status.isFailed()).isTrue();
            assertThat(status.error()).contains("interrupted by signal");
        });
        CHECKS.put("task-status-stopped-ok__proxmoxer-pve7.2", (api, t) -> {
            TaskStatus status =
                    api.taskStatus(Upid.parse("UPID:node1:000FF1FD:10F9374C:630D702C:vzdump:110:root@pam:"));
            assertThat(status.isSuccess()).isTrue();
            assertThat(status.upid().type()).isEqualTo("vzdump");
            assertThat(status.upid().id()).isEqualTo("110");
        });
        CHECKS.put("version__proxmoxer-pve7.2", (api, t) -> {
            PveVersion version = api.version();
            assertThat(version.major()).isEqualTo(7);
            assertThat(version.minor()).isEqualTo(2);
            assertThat(version.patch()).isEqualTo(3);
            assertThat(version.repoid()).isEqualTo("c743d6c1");
            assertThat(version.isBefore(8, 0)).isTrue();
        });
        CHECKS.put("version__session-notes-pve9.1.4", (api, t) -> {
            PveVersion version = api.version();
            assertThat(version.toString()).isEqualTo("9.1.4");
            assertThat(version.release()).isEqualTo("9.1");
            assertThat(version.repoid()).isEqualTo("5ac30304265fbd8e");
            assertThat(version.isAtLeast(9, 1)).isTrue();
        });
    }

    @TestFactory
    Stream<DynamicTest> everyFixture() {
        return fixtureNames().stream()
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    Check check = CHECKS.get(name);
                    assertThat(check)
                            .as("fixture %s has no check in PveFixturesTest", name)
                            .isNotNull();
                    RecordingTransport transport = transportFor(name);
                    check.verify(new PveRestApi(transport, PVE_9), transport);
                    assertThat(transport.requests())
                            .as("the check must go through the client")
                            .isNotEmpty();
                }));
    }

    @Test
    void everyCheckHasAFixtureAndEveryFixtureItsSource() {
        assertThat(fixtureNames()).containsExactlyInAnyOrderElementsOf(CHECKS.keySet());
        assertThat(fixtureNames())
                .hasSize(41)
                .allSatisfy(name -> assertThat(Files.exists(dir().resolve(name + ".source.md")))
                        .as(name + ".source.md")
                        .isTrue());
    }

    @Test
    void integersAbove2pow53StayExact() {
        JsonNode data = PveJson.parse(read("cluster-ceph-status__go-proxmox-pve8-reef.json"))
                .path("data");
        JsonNode standby = data.path("mgrmap").path("standbys").get(0);
        assertThat(PveJson.Fields.of(standby).lng("mgr_features")).isEqualTo(4540138322906710015L);
    }

    /** Builds the scripted answer from the fixture body and its status line. */
    static RecordingTransport transportFor(String name) {
        String body = read(name + ".json");
        String source = read(name + ".source.md");
        JsonNode parsed = PveJson.parse(body);
        if (parsed.path("_kind").asText().startsWith("http-response-description")) {
            return RecordingTransport.answering(
                    parsed.path("http_status").asInt(),
                    parsed.path("reason_phrase").asText(),
                    parsed.path("body_raw").asText());
        }
        Matcher line = STATUS_LINE.matcher(source);
        if (line.find()) {
            return RecordingTransport.answering(Integer.parseInt(line.group(1)), line.group(2), body);
        }
        Matcher status = HTTP_STATUS.matcher(source);
        assertThat(status.find()).as("HTTP status in %s.source.md", name).isTrue();
        return RecordingTransport.answering(Integer.parseInt(status.group(1)), "OK", body);
    }

    static List<String> fixtureNames() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String file) {
        try {
            return Files.readString(dir().resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path dir() {
        try {
            return Path.of(PveFixturesTest.class.getResource("/pve-fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T single(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }
}
