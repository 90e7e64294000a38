package dev.underlay.simulator.pve.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.underlay.simulator.pve.model.HaState;
import dev.underlay.simulator.pve.model.Node;
import dev.underlay.simulator.pve.model.StorageDef;
import dev.underlay.simulator.pve.model.Vm;
import dev.underlay.simulator.pve.model.Volume;

import java.time.Duration;
import java.util.Map;

/** Row shapes shared by list endpoints ({@code /cluster/resources}, {@code /nodes/{n}/qemu}, ...). */
final class Rows {

    private Rows() {}

    /** A guest row; {@code statusView} gives the {@code status/current} flavour (qmpstatus, no id/type). */
    static ObjectNode vmRow(SimContext ctx, Vm vm, boolean statusView) {
        ObjectNode row = Json.obj();
        boolean nodeOnline = ctx.model().node(vm.node).map(n -> n.online).orElse(false);
        if (!statusView) {
            row.put("id", "qemu/" + vm.vmid);
            row.put("type", "qemu");
            row.put("node", vm.node);
        }
        row.put("vmid", vm.vmid);
        row.put("name", vm.name());
        long maxmem = vm.memoryMiB() << 20;
        long maxdisk = bootDiskSize(vm);
        if (!nodeOnline && !statusView) {
            row.put("status", "unknown");
            row.put("template", Json.bit(vm.template()));
            return row;
        }
        row.put("status", vm.running ? "running" : "stopped");
        if (statusView) {
            row.put("qmpstatus", !vm.running ? "stopped" : vm.paused ? "paused" : "running");
            row.put("cpus", vm.cpus());
        } else {
            row.put("maxcpu", vm.cpus());
            row.put("template", Json.bit(vm.template()));
        }
        row.put("maxmem", maxmem);
        row.put("maxdisk", maxdisk);
        row.put("disk", 0);
        if (vm.running) {
            long uptime = Math.max(
                    0, Duration.between(vm.startedAt, ctx.clock().instant()).getSeconds());
            row.put("pid", vm.pid);
            row.put("uptime", uptime);
            row.put("cpu", 0.0123);
            row.put("mem", maxmem / 3);
            row.put("netin", 1024L * uptime);
            row.put("netout", 512L * uptime);
            row.put("diskread", 4096L * uptime);
            row.put("diskwrite", 2048L * uptime);
        } else {
            row.put("uptime", 0);
            row.put("cpu", 0);
            row.put("mem", 0);
            row.put("netin", 0);
            row.put("netout", 0);
            row.put("diskread", 0);
            row.put("diskwrite", 0);
        }
        if (vm.lock != null) {
            row.put("lock", vm.lock);
        }
        String tags = vm.config.get("tags");
        if (tags != null && !tags.isEmpty()) {
            row.put("tags", tags);
        }
        if (!statusView && ctx.model().ha.manages(vm.vmid)) {
            Map<String, String> res = ctx.model().ha.resources.get(HaState.sid(vm.vmid));
            row.put("hastate", res.getOrDefault("state", "started"));
        }
        return row;
    }

    private static long bootDiskSize(Vm vm) {
        for (String key : new String[] {"scsi0", "virtio0", "sata0", "ide0"}) {
            String value = vm.config.get(key);
            if (value != null) {
                String size = Disks.parse(value).get("size");
                return size == null ? 0 : Disks.parseSize(size);
            }
        }
        return 0;
    }

    static ObjectNode nodeRow(SimContext ctx, Node n) {
        ObjectNode row = Json.obj()
                .put("id", "node/" + n.name)
                .put("type", "node")
                .put("node", n.name)
                .put("status", n.online ? "online" : "offline")
                .put("level", "");
        row.put("maxcpu", n.maxCpu).put("maxmem", n.maxMem).put("maxdisk", n.maxDisk);
        if (n.online) {
            long runningMem = ctx.model().vmsOn(n.name).stream()
                    .filter(v -> v.running)
                    .mapToLong(v -> v.memoryMiB() << 20)
                    .sum();
            row.put("cpu", 0.0214);
            row.put("mem", Math.min(n.maxMem, (4L << 30) + runningMem));
            row.put("disk", 3L << 30);
            row.put(
                    "uptime",
                    Math.max(
                            0,
                            Duration.between(n.bootedAt, ctx.clock().instant()).getSeconds()));
            row.put("cgroup-mode", 2);
        }
        return row;
    }

    static ObjectNode storageRow(SimContext ctx, StorageDef s, String node) {
        boolean online = ctx.model().node(node).map(n -> n.online).orElse(false);
        ObjectNode row = Json.obj()
                .put("id", "storage/" + node + "/" + s.id)
                .put("type", "storage")
                .put("storage", s.id)
                .put("node", node)
                .put("plugintype", s.type)
                .put("content", s.options.getOrDefault("content", ""))
                .put("shared", Json.bit(s.shared()));
        if (!online) {
            row.put("status", "unknown");
            return row;
        }
        row.put("status", "available")
                .put("disk", ctx.model().usedBytes(s.id, node))
                .put("maxdisk", s.capacity);
        return row;
    }

    static ObjectNode contentRow(Volume v) {
        ObjectNode row = Json.obj()
                .put("volid", v.volid)
                .put("content", v.content)
                .put("format", v.format)
                .put("size", v.size)
                .put("ctime", v.ctime);
        if (v.vmid != null) {
            row.put("vmid", v.vmid);
        }
        if ("backup".equals(v.content)) {
            row.put("subtype", "qemu");
            if (v.notes != null) {
                row.put("notes", v.notes);
            }
            if (v.isProtected) {
                row.put("protected", 1);
            }
        }
        if ("images".equals(v.content)) {
            row.put("used", v.size);
        }
        return row;
    }
}
