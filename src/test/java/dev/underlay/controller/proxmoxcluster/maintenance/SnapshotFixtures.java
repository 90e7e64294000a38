package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.model.ClusterStatus;
import dev.underlay.proxmox.model.MigratePrecondition;
import dev.underlay.proxmox.model.NodeResource;
import dev.underlay.proxmox.model.PveVersion;
import dev.underlay.proxmox.model.TaskSummary;
import dev.underlay.proxmox.model.VmResource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-made snapshots for the pure parts: just the fields maintenance reads. */
final class SnapshotFixtures {

    static final long GIB = 1L << 30;
    static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");

    private SnapshotFixtures() {}

    static NodeResource node(String name, boolean online, long maxGib, long usedGib) {
        return new NodeResource(
                "node/" + name,
                name,
                online ? "online" : "offline",
                null,
                16.0,
                online ? usedGib * GIB : null,
                maxGib * GIB,
                null,
                null,
                null,
                null,
                null);
    }

    static VmResource vm(int vmid, String node, boolean running, long memGib) {
        return guest("qemu", vmid, node, running, memGib, null, null);
    }

    static VmResource guest(
            String type, int vmid, String node, boolean running, long memGib, String haState, String lock) {
        return new VmResource(
                type + "/" + vmid,
                type,
                vmid,
                node,
                "guest-" + vmid,
                running ? "running" : "stopped",
                false,
                lock,
                haState,
                List.of(),
                null,
                null,
                4.0,
                null,
                memGib * GIB,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static ClusterSnapshot snapshot(List<NodeResource> nodes, List<VmResource> vms) {
        return snapshot(nodes, vms, List.of());
    }

    static ClusterSnapshot snapshot(List<NodeResource> nodes, List<VmResource> vms, List<TaskSummary> tasks) {
        ClusterStatus status = new ClusterStatus(
                "homelab-pve",
                true,
                nodes.size(),
                3,
                nodes.stream()
                        .map(n -> new ClusterStatus.Node(n.node(), null, n.isOnline(), null, false, null))
                        .toList());
        return new ClusterSnapshot(
                new ClusterKey("homelab", "homelab"),
                NOW,
                PveVersion.parse("8.4.2"),
                status,
                vms,
                nodes,
                List.of(),
                tasks,
                List.of(),
                Optional.empty());
    }

    static MigratePrecondition clean(boolean running) {
        return new MigratePrecondition(running, List.of(), Map.of(), List.of(), List.of(), List.of(), List.of());
    }

    static MigratePrecondition withLocalDisk(boolean running, String volid) {
        return new MigratePrecondition(
                running,
                List.of(),
                Map.of(),
                List.of(new MigratePrecondition.LocalDisk(volid, 8 * GIB, false, false)),
                List.of(),
                List.of(),
                List.of());
    }
}
