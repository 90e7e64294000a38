package dev.underlay.observe;

import dev.underlay.proxmox.model.CephStatus;
import dev.underlay.proxmox.model.ClusterStatus;
import dev.underlay.proxmox.model.HaStatusEntry;
import dev.underlay.proxmox.model.NodeResource;
import dev.underlay.proxmox.model.PveVersion;
import dev.underlay.proxmox.model.StorageResource;
import dev.underlay.proxmox.model.TaskSummary;
import dev.underlay.proxmox.model.Upid;
import dev.underlay.proxmox.model.VmResource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds {@link ClusterSnapshot}s for unit tests: the homelab's three nodes, quorate, Ceph HEALTH_OK, no guests. */
public final class Snapshots {

    public static final ClusterKey CLUSTER = new ClusterKey("ns", "homelab");
    public static final Instant AT = Instant.parse("2025-11-03T10:00:00Z");
    public static final List<String> NODES = List.of("pve-aimax-01", "pve-ms01-01", "pve-ms01-02");

    private ClusterKey key = CLUSTER;
    private String clusterName = "homelab-pve";
    private Boolean quorate = true;
    private PveVersion version = PveVersion.parse("9.1.3");
    private final List<String> offline = new ArrayList<>();
    private final List<String> nodes = new ArrayList<>(NODES);
    private final List<VmResource> vms = new ArrayList<>();
    private final List<TaskSummary> tasks = new ArrayList<>();
    private final List<HaStatusEntry> ha = new ArrayList<>();
    private final List<StorageResource> storages = new ArrayList<>();
    private Optional<CephStatus> ceph = Optional.of(ceph("HEALTH_OK", Map.of()));
    private Instant at = AT;

    public static Snapshots homelab() {
        return new Snapshots();
    }

    public Snapshots cluster(ClusterKey cluster) {
        this.key = cluster;
        return this;
    }

    public Snapshots named(String name) {
        this.clusterName = name;
        return this;
    }

    public Snapshots quorate(boolean value) {
        this.quorate = value;
        return this;
    }

    public Snapshots version(String text) {
        this.version = PveVersion.parse(text);
        return this;
    }

    public Snapshots offline(String node) {
        offline.add(node);
        return this;
    }

    public Snapshots nodes(String... names) {
        nodes.clear();
        nodes.addAll(List.of(names));
        return this;
    }

    public Snapshots vm(int vmid, String node, String status) {
        return vm(vmid, node, status, null, 0.1, 1L << 30);
    }

    public Snapshots vm(int vmid, String node, String status, String lock, double cpu, long mem) {
        vms.add(new VmResource(
                "qemu/" + vmid,
                "qemu",
                vmid,
                node,
                "vm-" + vmid,
                status,
                false,
                lock,
                null,
                List.of("talos"),
                null,
                cpu,
                8.0,
                mem,
                16L << 30,
                0L,
                100L << 30,
                3600L,
                1L,
                2L,
                3L,
                4L));
        return this;
    }

    public Snapshots storage(String name, String node, String status) {
        storages.add(new StorageResource(
                "storage/" + node + "/" + name,
                name,
                node,
                status,
                "rbd",
                List.of("images"),
                true,
                10L << 30,
                100L << 30));
        return this;
    }

    public Snapshots runningTask(String type, String id) {
        tasks.add(new TaskSummary(
                Upid.of("pve-ms01-01", 1000 + tasks.size(), 1, AT.getEpochSecond(), type, id, "underlay@pve!operator"),
                "pve-ms01-01",
                type,
                id,
                "underlay@pve!operator",
                AT.getEpochSecond(),
                null,
                null));
        return this;
    }

    public Snapshots finishedTask(String type, String id, long startTime, String status) {
        tasks.add(new TaskSummary(
                Upid.of("pve-ms01-01", 2000 + tasks.size(), 1, startTime, type, id, "root@pam"),
                "pve-ms01-01",
                type,
                id,
                "root@pam",
                startTime,
                startTime + 60,
                status));
        return this;
    }

    public Snapshots haService(String sid, String state) {
        ha.add(new HaStatusEntry.Service(
                sid, "pve-ms01-01", state, state, "started", sid + " (pve-ms01-01, " + state + ")", 1, 1, true));
        return this;
    }

    public Snapshots ceph(CephStatus status) {
        this.ceph = Optional.ofNullable(status);
        return this;
    }

    public Snapshots at(Instant instant) {
        this.at = instant;
        return this;
    }

    public static CephStatus ceph(String health, Map<String, String> checks) {
        Map<String, CephStatus.HealthCheck> typed = new LinkedHashMap<>();
        checks.forEach((name, summary) -> typed.put(name, new CephStatus.HealthCheck(health, summary, 1, false)));
        return new CephStatus(
                "fsid",
                health,
                typed,
                6,
                6,
                6,
                List.of("pve-ms01-01", "pve-ms01-02", "pve-aimax-01"),
                12L << 40,
                1L << 40,
                11L << 40,
                1L << 39,
                129,
                2,
                Map.of("active+clean", 129));
    }

    public ClusterSnapshot build() {
        List<ClusterStatus.Node> rows = new ArrayList<>();
        List<NodeResource> resources = new ArrayList<>();
        int id = 1;
        for (String node : nodes) {
            boolean online = !offline.contains(node);
            rows.add(new ClusterStatus.Node(node, id++, online, "10.20.20." + id, id == 2, ""));
            resources.add(
                    online
                            ? new NodeResource(
                                    "node/" + node,
                                    node,
                                    "online",
                                    0.125,
                                    20.0,
                                    8L << 30,
                                    96L << 30,
                                    1L << 30,
                                    500L << 30,
                                    259200L,
                                    "",
                                    2)
                            : new NodeResource(
                                    "node/" + node,
                                    node,
                                    "offline",
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    "",
                                    null));
        }
        return new ClusterSnapshot(
                key,
                at,
                version,
                new ClusterStatus(clusterName, quorate, nodes.size(), 7, rows),
                vms,
                resources,
                storages,
                tasks,
                ha,
                ceph);
    }
}
