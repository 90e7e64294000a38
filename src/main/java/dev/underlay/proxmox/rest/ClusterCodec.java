package dev.underlay.proxmox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.proxmox.model.ClusterResource;
import dev.underlay.proxmox.model.ClusterStatus;
import dev.underlay.proxmox.model.NodeResource;
import dev.underlay.proxmox.model.NodeStatus;
import dev.underlay.proxmox.model.NodeSummary;
import dev.underlay.proxmox.model.Permissions;
import dev.underlay.proxmox.model.PveVersion;
import dev.underlay.proxmox.model.StorageResource;
import dev.underlay.proxmox.model.VmResource;
import dev.underlay.proxmox.rest.PveJson.Fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Wire mapping for version, cluster status/resources, nodes and permissions. */
final class ClusterCodec {

    private ClusterCodec() {}

    static PveVersion version(JsonNode data) {
        Fields f = Fields.of(data);
        return PveVersion.of(f.str("version"), f.str("release"), f.str("repoid"));
    }

    static ClusterStatus clusterStatus(JsonNode data) {
        String name = null;
        Boolean quorate = null;
        Integer nodeCount = null;
        Integer version = null;
        List<ClusterStatus.Node> nodes = new ArrayList<>();
        for (Fields row : PveJson.elements(data)) {
            String type = row.str("type");
            if ("cluster".equals(type)) {
                name = row.str("name");
                quorate = row.flag("quorate");
                nodeCount = row.integer("nodes");
                version = row.integer("version");
            } else if ("node".equals(type)) {
                nodes.add(new ClusterStatus.Node(
                        row.str("name"),
                        row.integer("nodeid"),
                        row.flag("online"),
                        row.str("ip"),
                        row.flag("local"),
                        row.str("level")));
            }
        }
        return new ClusterStatus(name, quorate, nodeCount, version, nodes);
    }

    /** Typed rows for qemu/lxc, node and storage; other types (pool, sdn, network) are skipped. */
    static List<ClusterResource> clusterResources(JsonNode data) {
        List<ClusterResource> out = new ArrayList<>();
        for (Fields row : PveJson.elements(data)) {
            String type = row.str("type");
            if ("qemu".equals(type) || "lxc".equals(type)) {
                out.add(new VmResource(
                        row.str("id"),
                        type,
                        row.integer("vmid"),
                        row.str("node"),
                        row.str("name"),
                        row.str("status"),
                        row.flag("template"),
                        row.str("lock"),
                        row.str("hastate"),
                        row.strings("tags"),
                        row.str("pool"),
                        row.dbl("cpu"),
                        row.dbl("maxcpu"),
                        row.lng("mem"),
                        row.lng("maxmem"),
                        row.lng("disk"),
                        row.lng("maxdisk"),
                        row.lng("uptime"),
                        row.lng("netin"),
                        row.lng("netout"),
                        row.lng("diskread"),
                        row.lng("diskwrite")));
            } else if ("node".equals(type)) {
                out.add(new NodeResource(
                        row.str("id"),
                        row.str("node"),
                        row.str("status"),
                        row.dbl("cpu"),
                        row.dbl("maxcpu"),
                        row.lng("mem"),
                        row.lng("maxmem"),
                        row.lng("disk"),
                        row.lng("maxdisk"),
                        row.lng("uptime"),
                        row.str("level"),
                        row.integer("cgroup-mode")));
            } else if ("storage".equals(type)) {
                out.add(new StorageResource(
                        row.str("id"),
                        row.str("storage"),
                        row.str("node"),
                        row.str("status"),
                        row.str("plugintype"),
                        row.strings("content"),
                        row.flag("shared"),
                        row.lng("disk"),
                        row.lng("maxdisk")));
            }
        }
        return out;
    }

    static List<NodeSummary> nodes(JsonNode data) {
        return PveJson.elements(data).stream()
                .map(row -> new NodeSummary(
                        row.str("node"),
                        row.str("status"),
                        row.dbl("cpu"),
                        row.integer("maxcpu"),
                        row.lng("mem"),
                        row.lng("maxmem"),
                        row.lng("disk"),
                        row.lng("maxdisk"),
                        row.lng("uptime"),
                        row.str("level"),
                        row.str("ssl_fingerprint")))
                .toList();
    }

    static NodeStatus nodeStatus(JsonNode data) {
        Fields f = Fields.of(data);
        Fields memory = f.obj("memory");
        Fields rootfs = f.obj("rootfs");
        Fields cpuinfo = f.obj("cpuinfo");
        List<Double> load = f.strings("loadavg").stream().map(Double::valueOf).toList();
        return new NodeStatus(
                f.str("pveversion"),
                f.dbl("cpu"),
                load,
                memory.lng("total"),
                memory.lng("used"),
                memory.lng("free"),
                rootfs.lng("total"),
                rootfs.lng("used"),
                f.lng("uptime"),
                cpuinfo.integer("cpus"),
                cpuinfo.integer("cores"),
                cpuinfo.integer("sockets"),
                cpuinfo.str("model"),
                f.obj("current-kernel").str("release"),
                f.obj("boot-info").str("mode"));
    }

    static Permissions permissions(JsonNode data) {
        Fields f = Fields.of(data);
        Map<String, Map<String, Boolean>> byPath = new LinkedHashMap<>();
        for (String path : f.keys()) {
            Fields privs = f.obj(path);
            Map<String, Boolean> map = new LinkedHashMap<>();
            for (String priv : privs.keys()) {
                map.put(priv, privs.flag(priv));
            }
            byPath.put(path, map);
        }
        return new Permissions(byPath);
    }
}
