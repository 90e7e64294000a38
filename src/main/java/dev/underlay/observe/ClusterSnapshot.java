package dev.underlay.observe;

import dev.underlay.proxmox.model.CephStatus;
import dev.underlay.proxmox.model.ClusterStatus;
import dev.underlay.proxmox.model.HaStatusEntry;
import dev.underlay.proxmox.model.NodeResource;
import dev.underlay.proxmox.model.PveVersion;
import dev.underlay.proxmox.model.StorageResource;
import dev.underlay.proxmox.model.TaskSummary;
import dev.underlay.proxmox.model.VmResource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything one resync learns about a Proxmox cluster, taken with a fixed handful of calls (cluster status,
 * cluster resources, cluster tasks, HA status, Ceph status) however many guests there are. Every controller reads
 * the cluster through the latest snapshot instead of asking Proxmox itself.
 *
 * @param ceph empty when Ceph is not installed or its status could not be read
 */
public record ClusterSnapshot(
        ClusterKey cluster,
        Instant fetchedAt,
        PveVersion version,
        ClusterStatus status,
        List<VmResource> vms,
        List<NodeResource> nodes,
        List<StorageResource> storages,
        List<TaskSummary> tasks,
        List<HaStatusEntry> haStatus,
        Optional<CephStatus> ceph) {

    public ClusterSnapshot {
        vms = List.copyOf(vms);
        nodes = List.copyOf(nodes);
        storages = List.copyOf(storages);
        tasks = List.copyOf(tasks);
        haStatus = List.copyOf(haStatus);
        ceph = ceph == null ? Optional.empty() : ceph;
    }

    public boolean isQuorate() {
        return status.isQuorate();
    }

    public Optional<VmResource> vm(int vmid) {
        return vms.stream().filter(v -> v.vmid() == vmid).findFirst();
    }

    public List<VmResource> guestsOn(String node) {
        return vms.stream().filter(v -> node.equals(v.node()) && !v.template()).toList();
    }

    public Optional<NodeResource> node(String name) {
        return nodes.stream().filter(n -> name.equals(n.node())).findFirst();
    }

    public List<TaskSummary> runningTasks() {
        return tasks.stream().filter(TaskSummary::isRunning).toList();
    }
}
