package dev.underlay.metrics;

import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.model.CephStatus;
import dev.underlay.proxmox.model.ClusterStatus;
import dev.underlay.proxmox.model.HaStatusEntry;
import dev.underlay.proxmox.model.NodeResource;
import dev.underlay.proxmox.model.NotBackedUp;
import dev.underlay.proxmox.model.StorageResource;
import dev.underlay.proxmox.model.VmResource;
import io.micrometer.core.instrument.Tags;

import java.util.List;

/**
 * The gauges one snapshot yields, named after prometheus-pve-exporter's so that its dashboards and alerts carry over
 * ({@code pve_up}, {@code pve_cpu_usage_ratio}, {@code pve_guest_info}, {@code pve_ha_state}, {@code pve_lock_state},
 * ...), plus what that exporter does not have: quorum, node counts, Ceph OSDs and monitors, running tasks. Guests
 * carry {@code id} = qemu/VMID, nodes node/NAME, storages storage/NODE/NAME, as in the exporter.
 */
final class SnapshotSeries {

    static final String UP_HELP = "1 when the cluster, node or guest is up (cluster: last snapshot succeeded)";

    private SnapshotSeries() {}

    static Tags tags(ClusterKey cluster, String... keyValues) {
        return Tags.of("cluster", cluster.toString()).and(keyValues);
    }

    static void write(ClusterSnapshot snapshot, GaugeSeries out) {
        ClusterKey key = snapshot.cluster();
        ClusterStatus status = snapshot.status();
        out.set("pve.up", UP_HELP, tags(key, "id", "cluster"), 1);
        out.set(
                "pve.version.info",
                "Proxmox VE version of the node the operator talks to",
                tags(
                        key,
                        "version",
                        snapshot.version().version(),
                        "release",
                        nullSafe(snapshot.version().release()),
                        "repoid",
                        nullSafe(snapshot.version().repoid())),
                1);
        out.set(
                "pve.cluster.quorate",
                "1 when corosync reports the cluster quorate",
                tags(key),
                snapshot.isQuorate() ? 1 : 0);
        out.set(
                "pve.nodes.online",
                "Cluster nodes online",
                tags(key),
                status.onlineNodes().size());
        out.set(
                "pve.nodes.total",
                "Cluster nodes in the corosync configuration",
                tags(key),
                status.nodes().size());
        out.set(
                "pve.tasks.running",
                "Proxmox tasks running cluster-wide",
                tags(key),
                snapshot.runningTasks().size());
        for (NodeResource node : snapshot.nodes()) {
            node(key, node, out);
        }
        for (VmResource vm : snapshot.vms()) {
            guest(key, vm, out);
        }
        for (StorageResource storage : snapshot.storages()) {
            storage(key, storage, out);
        }
        for (HaStatusEntry entry : snapshot.haStatus()) {
            if (entry instanceof HaStatusEntry.Service service && service.state() != null) {
                out.set(
                        "pve.ha.state",
                        "HA state of a resource (the series of its current state is 1)",
                        tags(key, "id", haId(service.sid()), "state", service.state()),
                        1);
            }
        }
        snapshot.ceph().ifPresent(ceph -> ceph(key, ceph, out));
    }

    static void writeNotBackedUp(ClusterKey key, List<NotBackedUp> guests, GaugeSeries out) {
        out.set("pve.not.backed.up.count", "Guests no backup job covers", tags(key), guests.size());
        for (NotBackedUp guest : guests) {
            String id = guest.type() + "/" + guest.vmid();
            out.set("pve.not.backed.up.total", "1 for a guest no backup job covers", tags(key, "id", id), 1);
            out.set(
                    "pve.not.backed.up.info",
                    "A guest no backup job covers",
                    tags(key, "id", id, "name", nullSafe(guest.name())),
                    1);
        }
    }

    private static void node(ClusterKey key, NodeResource node, GaugeSeries out) {
        Tags id = tags(key, "id", "node/" + node.node());
        out.set("pve.up", UP_HELP, id, node.isOnline() ? 1 : 0);
        out.set(
                "pve.node.info",
                "A cluster node",
                tags(key, "id", "node/" + node.node(), "name", node.node(), "level", nullSafe(node.level())),
                1);
        usage(
                id,
                node.cpu(),
                node.maxCpu(),
                node.mem(),
                node.maxMem(),
                node.disk(),
                node.maxDisk(),
                node.uptime(),
                out);
    }

    private static void guest(ClusterKey key, VmResource vm, GaugeSeries out) {
        String guestId = vm.type() + "/" + vm.vmid();
        Tags id = tags(key, "id", guestId);
        out.set("pve.up", UP_HELP, id, vm.isRunning() ? 1 : 0);
        out.set(
                "pve.guest.info",
                "A guest (VM or container)",
                tags(
                        key,
                        "id",
                        guestId,
                        "node",
                        nullSafe(vm.node()),
                        "name",
                        nullSafe(vm.name()),
                        "type",
                        vm.type(),
                        "template",
                        vm.template() ? "1" : "0",
                        "tags",
                        String.join(";", vm.tags())),
                1);
        usage(id, vm.cpu(), vm.maxCpu(), vm.mem(), vm.maxMem(), vm.disk(), vm.maxDisk(), vm.uptime(), out);
        if (vm.lock() != null && !vm.lock().isEmpty()) {
            out.set(
                    "pve.lock.state",
                    "Config lock of a guest (the series of the lock held is 1)",
                    tags(key, "id", guestId, "state", vm.lock()),
                    1);
        }
    }

    private static void storage(ClusterKey key, StorageResource storage, GaugeSeries out) {
        String storageId = "storage/" + storage.node() + "/" + storage.storage();
        Tags id = tags(key, "id", storageId);
        out.set("pve.up", UP_HELP, id, storage.isAvailable() ? 1 : 0);
        out.set(
                "pve.storage.info",
                "A storage on a node",
                tags(
                        key,
                        "id",
                        storageId,
                        "node",
                        nullSafe(storage.node()),
                        "storage",
                        storage.storage(),
                        "type",
                        nullSafe(storage.pluginType()),
                        "shared",
                        storage.shared() ? "1" : "0",
                        "content",
                        String.join(",", storage.content())),
                1);
        setIfPresent(out, "pve.disk.usage.bytes", "Disk or storage bytes used", id, storage.disk());
        setIfPresent(out, "pve.disk.size.bytes", "Disk or storage size in bytes", id, storage.maxDisk());
    }

    private static void usage(
            Tags id,
            Double cpu,
            Double maxCpu,
            Long mem,
            Long maxMem,
            Long disk,
            Long maxDisk,
            Long uptime,
            GaugeSeries out) {
        setIfPresent(out, "pve.cpu.usage.ratio", "CPU utilisation as a fraction of the CPUs available", id, cpu);
        setIfPresent(out, "pve.cpu.usage.limit", "CPUs available", id, maxCpu);
        setIfPresent(out, "pve.memory.usage.bytes", "Memory in use, bytes", id, mem);
        setIfPresent(out, "pve.memory.size.bytes", "Memory size, bytes", id, maxMem);
        setIfPresent(out, "pve.disk.usage.bytes", "Disk or storage bytes used", id, disk);
        setIfPresent(out, "pve.disk.size.bytes", "Disk or storage size in bytes", id, maxDisk);
        setIfPresent(out, "pve.uptime.seconds", "Seconds since start", id, uptime);
    }

    private static void ceph(ClusterKey key, CephStatus ceph, GaugeSeries out) {
        out.set(
                "pve.ceph.health",
                "Ceph health: 0 HEALTH_OK, 1 HEALTH_WARN, 2 HEALTH_ERR",
                tags(key, "status", nullSafe(ceph.health())),
                healthValue(ceph.health()));
        out.set("pve.ceph.osds.up", "Ceph OSDs up", tags(key), ceph.numUpOsds());
        out.set("pve.ceph.osds.in", "Ceph OSDs in", tags(key), ceph.numInOsds());
        out.set("pve.ceph.osds.total", "Ceph OSDs known", tags(key), ceph.numOsds());
        out.set(
                "pve.ceph.mons.quorum",
                "Ceph monitors in quorum",
                tags(key),
                ceph.quorumNames().size());
        setIfPresent(out, "pve.ceph.bytes.used", "Raw bytes used in the Ceph cluster", tags(key), ceph.bytesUsed());
        setIfPresent(out, "pve.ceph.bytes.total", "Raw bytes of the Ceph cluster", tags(key), ceph.bytesTotal());
    }

    private static double healthValue(String health) {
        if ("HEALTH_OK".equals(health)) {
            return 0;
        }
        return "HEALTH_ERR".equals(health) ? 2 : 1;
    }

    /** HA status uses vm:100; the exporter's id form is qemu/100. */
    private static String haId(String sid) {
        if (sid == null) {
            return "";
        }
        if (sid.startsWith("vm:")) {
            return "qemu/" + sid.substring(3);
        }
        return sid.startsWith("ct:") ? "lxc/" + sid.substring(3) : sid;
    }

    private static void setIfPresent(GaugeSeries out, String name, String help, Tags tags, Number value) {
        if (value != null) {
            out.set(name, help, tags, value.doubleValue());
        }
    }

    private static String nullSafe(String value) {
        return value == null ? "" : value;
    }
}
