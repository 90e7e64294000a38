package dev.underlay.simulator.pve.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.underlay.simulator.pve.PveError;
import dev.underlay.simulator.pve.model.HaState;
import dev.underlay.simulator.pve.model.Node;
import dev.underlay.simulator.pve.model.Vm;
import dev.underlay.simulator.pve.model.Volume;
import dev.underlay.simulator.pve.task.Task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /nodes/{node}/qemu/...}: guest lifecycle, config, status, migration, agent. */
final class QemuEndpoints {

    private static final String BASE = "/nodes/{node}/qemu/{vmid}";
    /** Request parameters of create/config that are not config keys. */
    private static final Set<String> NOT_CONFIG = Set.of(
            "node",
            "vmid",
            "start",
            "storage",
            "archive",
            "force",
            "unique",
            "pool",
            "bwlimit",
            "live-restore",
            "import-working-storage",
            "ha-managed",
            "digest",
            "delete",
            "revert",
            "skiplock",
            "background_delay");

    private final SimContext ctx;
    private final VmService vms;
    private final HaService ha;
    private final BackupService backups;

    QemuEndpoints(SimContext ctx, VmService vms, HaService ha, BackupService backups) {
        this.ctx = ctx;
        this.vms = vms;
        this.ha = ha;
        this.backups = backups;
    }

    void register(Routes r) {
        r.get("/nodes/{node}/qemu", this::list);
        r.post("/nodes/{node}/qemu", this::createOrRestore);
        r.delete(BASE, this::destroy);
        r.get(BASE + "/config", this::getConfig);
        r.put(BASE + "/config", c -> updateConfig(c, false));
        r.post(BASE + "/config", c -> updateConfig(c, true));
        r.get(BASE + "/pending", this::pending);
        r.get(BASE + "/status/current", this::statusCurrent);
        r.post(BASE + "/status/start", this::start);
        r.post(BASE + "/status/stop", c -> stop(c, "qmstop"));
        r.post(BASE + "/status/shutdown", c -> stop(c, "qmshutdown"));
        r.post(BASE + "/status/reboot", this::reboot);
        r.post(
                BASE + "/status/reset",
                c -> whileRunning(c, "qmreset", vm -> {
                    vms.stop(vm);
                    vms.start(vm);
                }));
        r.post(BASE + "/status/suspend", c -> whileRunning(c, "qmsuspend", vm -> vm.paused = true));
        r.post(BASE + "/status/resume", c -> whileRunning(c, "qmresume", vm -> vm.paused = false));
        r.get(BASE + "/migrate", this::migratePrecondition);
        r.post(BASE + "/migrate", this::migrate);
        r.put(BASE + "/resize", this::resize);
        r.post(BASE + "/clone", this::cloneVm);
        r.get(BASE + "/agent/network-get-interfaces", this::agentInterfaces);
    }

    private JsonNode list(Call c) {
        ctx.node(c.node());
        ArrayNode out = Json.arr();
        for (Vm vm : ctx.model().vmsOn(c.node())) {
            out.add(Rows.vmRow(ctx, vm, false));
        }
        return out;
    }

    private JsonNode createOrRestore(Call c) {
        int vmid = c.vmid();
        c.require("/vms/" + vmid, "VM.Allocate");
        if (c.opt("archive").isPresent()) {
            return new TextNode(backups.restore(c, configParams(c)));
        }
        ctx.node(c.node());
        ctx.checkVmidUnused(vmid);
        Map<String, String> config = configParams(c);
        Vm vm = new Vm(vmid, c.node());
        vm.lock = "create";
        ctx.model().vms.put(vmid, vm);
        boolean start = c.flag("start");
        boolean haManaged = c.flag("ha-managed");
        Task task = ctx.tasks()
                .start(
                        c.node(),
                        "qmcreate",
                        Integer.toString(vmid),
                        c.principal().upidUser(),
                        t -> {
                            vm.lock = null;
                            try {
                                vms.initialiseNewConfig(vm, config);
                            } catch (PveError e) {
                                vms.destroyVolumes(vm, true);
                                ctx.model().vms.remove(vmid);
                                throw PveError.die("unable to create VM " + vmid + " - " + e.getMessage());
                            }
                            if (haManaged) {
                                ha.addResource(vmid, start ? "started" : "stopped");
                            }
                            if (start) {
                                t.log.add("starting VM " + vmid);
                                vms.start(vm);
                            }
                            return "OK";
                        });
        task.onFinish(() -> vm.lock = null);
        return new TextNode(task.upid);
    }

    private static Map<String, String> configParams(Call c) {
        Map<String, String> config = new LinkedHashMap<>();
        c.params().forEach((k, v) -> {
            if (!NOT_CONFIG.contains(k)) {
                config.put(k, v);
            }
        });
        return config;
    }

    private JsonNode getConfig(Call c) {
        Vm vm = ctx.vm(c.node(), c.vmid());
        c.require("/vms/" + vm.vmid, "VM.Audit");
        ObjectNode conf = vms.configJson(vm, c.flag("current"));
        if (vm.lock != null) {
            conf.put("lock", vm.lock);
        }
        return conf;
    }

    private JsonNode updateConfig(Call c, boolean async) {
        Vm vm = ctx.vm(c.node(), c.vmid());
        c.require("/vms/" + vm.vmid, "VM.Config.Options");
        ctx.checkLock(vm, skiplock(c));
        ConfigDigest.check(c, vms.digest(vm));
        Map<String, String> changes = configParams(c);
        List<String> delete = c.list("delete");
        List<String> revert = c.list("revert");
        for (String key : delete) {
            if (changes.containsKey(key)) {
                throw PveError.param(
                        "delete", "you can't use '-" + key + "' and -delete " + key + "' at the same time");
            }
        }
        if (!async) {
            vms.update(vm, changes, delete, revert);
            return null;
        }
        Task task = ctx.tasks()
                .start(
                        c.node(),
                        "qmconfig",
                        Integer.toString(vm.vmid),
                        c.principal().upidUser(),
                        t -> {
                            vms.update(vm, changes, delete, revert);
                            return "OK";
                        });
        return new TextNode(task.upid);
    }

    private JsonNode pending(Call c) {
        Vm vm = ctx.vm(c.node(), c.vmid());
        ArrayNode out = Json.arr();
        ObjectNode current = vms.configJson(vm, true);
        ObjectNode future = vms.configJson(vm, false);
        List<String> keys = new ArrayList<>();
        current.fieldNames().forEachRemaining(keys::add);
        future.fieldNames().forEachRemaining(k -> {
            if (!keys.contains(k)) {
                keys.add(k);
            }
        });
        keys.remove("digest");
        for (String k : keys) {
            ObjectNode row = Json.obj().put("key", k);
            if (current.has(k)) {
                row.set("value", current.get(k));
            }
            if (vm.pending.containsKey(k)) {
                row.set("pending", future.get(k));
            }
            if (vm.pendingDelete.contains(k)) {
                row.put("delete", 1);
            }
            out.add(row);
        }
        return out;
    }

    private JsonNode statusCurrent(Call c) {
        Vm vm = ctx.vm(c.node(), c.vmid());
        c.require("/vms/" + vm.vmid, "VM.Audit");
        ObjectNode s = Rows.vmRow(ctx, vm, true);
        ObjectNode haNode = Json.obj().put("managed", Json.bit(ctx.model().ha.manages(vm.vmid)));
        if (ctx.model().ha.manages(vm.vmid)) {
            Map<String, String> res = ctx.model().ha.resources.get(HaState.sid(vm.vmid));
            haNode.put("state", res.getOrDefault("state", "started"));
            if (res.containsKey("group")) {
                haNode.put("group", res.get("group"));
            }
        }
        s.set("ha", haNode);
        if (vm.agentEnabled()) {
            s.put("agent", 1);
        }
        if (vm.running) {
            s.put("running-machine", ctx.version().atLeast9() ? "pc-i440fx-10.1+pve0" : "pc-i440fx-9.2+pve1");
            s.put("running-qemu", ctx.version().qemuVersion());
            s.put("balloon", vm.memoryMiB() << 20);
            s.put("freemem", (vm.memoryMiB() << 20) / 2);
        }
        return s;
    }

    private JsonNode start(Call c) {
        Vm vm = ctx.vm(c.node(), c.vmid());
        c.require("/vms/" + vm.vmid, "VM.PowerMgmt");
        if (vm.template()) {
            throw PveError.die("you can't start a vm if it's a template");
        }
        if (ctx.model().ha.controls(vm.vmid)) {
            return new TextNode(ha.request(c, vm, "hastart", "started").upid);
        }
        boolean skiplock = skiplock(c);
        Task task = ctx.tasks()
                .start(
                        c.node(),
                        "qmstart",
                        Integer.toString(vm.vmid),
                        c.principal().upidUser(),
                        t -> {
                            if (vm.lock != null && !skiplock) {
                                throw PveError.die("VM is locked (" + vm.lock + ")");
                            }
                            if (vm.running) {
                                throw PveError.die("VM " + vm.vmid + " already running");
                            }
                            vms.start(vm);
                            return "OK";
                        });
        return new TextNode(task.upid);
    }

    private JsonNode stop(Call c, String type) {
        Vm vm = ctx.vm(c.node(), c.vmid());
        c.require("/vms/" + vm.vmid, "VM.PowerMgmt");
        if (ctx.model().ha.controls(vm.vmid)) {
            return new TextNode(ha.request(c, vm, "hastop", "stopped").upid);
        }
        boolean skiplock = skiplock(c);
        Task task = ctx.tasks()
                .start(c.node(), type, Integer.toString(vm.vmid), c.principal().upidUser(), t -> {
                    if (vm.lock != null && !skiplock) {
                        throw PveError.die("VM is locked (" + vm.lock + ")");
                    }
                    if (vm.running) {
                        vms.stop(vm);
                    }
                    return "OK";
                });
        return new TextNode(task.upid);
    }

    private JsonNode reboot(Call c) {
        Vm vm = ctx.vm(c.node(), c.vmid());
        c.require("/vms/" + vm.vmid, "VM.PowerMgmt");
        if (!vm.running) {
            throw PveError.die("VM " + vm.vmid + " not running");
        }
        Task task = ctx.tasks()
                .start(
                        c.node(),
                        "qmreboot",
                        Integer.toString(vm.vmid),
                        c.principal().upidUser(),
                        t -> {
                            if (vm.lock != null) {
                                throw PveError.die("VM is locked (" + vm.lock + ")");
                            }
                            vms.stop(vm);
                            vms.start(vm);
                            return "OK";
                        });
        return new TextNode(task.upid);
    }

    /** Power actions that need a running guest: checked at once, done when the task ends. */
    private JsonNode whileRunning(Call c, String type, java.util.function.Consumer<Vm> action) {
        Vm vm = ctx.vm(c.node(), c.vmid());
        c.require("/vms/" + vm.vmid, "VM.PowerMgmt");
        ctx.checkLock(vm, skiplock(c));
        if (!vm.running) {
            throw PveError.die("VM " + vm.vmid + " not running");
        }
        Task task = ctx.tasks()
                .start(c.node(), type, Integer.toString(vm.vmid), c.principal().upidUser(), t -> {
                    action.accept(vm);
                    return "OK";
                });
        return new TextNode(task.upid);
    }

    private JsonNode migratePrecondition(Call c) {
        Vm vm = ctx.vm(c.node(), c.vmid());
        ObjectNode out = Json.obj().put("running", Json.bit(vm.running));
        ArrayNode allowed = Json.arr();
        ObjectNode notAllowed = Json.obj();
        for (Node n : ctx.model().nodes.values()) {
            if (n.name.equals(vm.node)) {
                continue;
            }
            if (n.online) {
                allowed.add(n.name);
            } else {
                notAllowed.set(n.name, Json.obj().put("unavailable-resources", "node is offline"));
            }
        }
        out.set("allowed_nodes", allowed);
        out.set("not_allowed_nodes", notAllowed);
        ArrayNode localDisks = Json.arr();
        for (Map.Entry<String, String> e : vm.config.asMap().entrySet()) {
            if (!Disks.isDiskKey(e.getKey())) {
                continue;
            }
            String file = Disks.parse(e.getValue()).get("file");
            ctx.model()
                    .volume(vm.node, file == null ? "" : file)
                    .filter(v -> !ctx.model().storages.get(v.storage).shared())
                    .ifPresent(v -> localDisks.add(Json.obj()
                            .put("volid", v.volid)
                            .put("size", v.size)
                            .put("drivename", e.getKey())
                            .put("is_unused", Json.bit(e.getKey().startsWith("unused")))
                            .put("replicate", 1)
                            .put("cdrom", 0)));
        }
        out.set("local_disks", localDisks);
        out.set("local_resources", Json.arr());
        out.set("mapped-resources", Json.arr());
        out.set("mapped-resource-info", Json.obj());
        if (ctx.version().atLeast9()) {
            out.put("has-dbus-vmstate", 0);
            out.set("dependent-ha-resources", Json.arr());
        }
        return out;
    }

    private JsonNode migrate(Call c) {
        Vm vm = ctx.vm(c.node(), c.vmid());
        c.require("/vms/" + vm.vmid, "VM.Migrate");
        String target = c.param("target");
        if (target.equals(vm.node)) {
            throw PveError.param("target", "target is local node.");
        }
        Node targetNode = ctx.node(target);
        if (!targetNode.online) {
            throw PveError.die("target node '" + target + "' is not online");
        }
        boolean online = c.flag("online");
        if (ctx.model().ha.controls(vm.vmid)) {
            return new TextNode(ha.requestMigration(c, vm, target).upid);
        }
        if (vm.running && !online) {
            throw PveError.die("can't migrate running VM without --online");
        }
        boolean withLocalDisks = c.flag("with-local-disks");
        ctx.checkLock(vm, false);
        vm.lock = "migrate";
        Task task = ctx.tasks()
                .start(
                        c.node(),
                        "qmigrate",
                        Integer.toString(vm.vmid),
                        c.principal().upidUser(),
                        t -> {
                            t.log.add("starting migration of VM " + vm.vmid + " to node '" + target + "'");
                            if (vm.running) {
                                for (Volume v : vms.localVolumes(vm)) {
                                    if (!withLocalDisks) {
                                        throw PveError.die(
                                                "can't migrate local disk '" + v.volid
                                                        + "': can't live migrate attached local disks without with-local-disks option");
                                    }
                                }
                            }
                            if (!ctx.node(target).online) {
                                throw PveError.die("migration aborted: target node '" + target + "' is not online");
                            }
                            vms.moveTo(vm, target);
                            t.log.add("migration finished successfully");
                            return "OK";
                        });
        task.onFinish(() -> vm.lock = null);
        return new TextNode(task.upid);
    }

    private JsonNode resize(Call c) {
        Vm vm = ctx.vm(c.node(), c.vmid());
        c.require("/vms/" + vm.vmid, "VM.Config.Disk");
        ctx.checkLock(vm, skiplock(c));
        ConfigDigest.check(c, vms.digest(vm));
        String disk = c.param("disk");
        String value = vm.config.get(disk);
        if (value == null) {
            throw PveError.die("disk '" + disk + "' does not exist");
        }
        Map<String, String> drive = Disks.parse(value);
        if (Disks.isCdrom(drive)) {
            throw PveError.die("you can't resize a cdrom");
        }
        Volume volume = ctx.model()
                .volume(vm.node, drive.get("file"))
                .orElseThrow(() -> PveError.die("unable to parse volume ID '" + drive.get("file") + "'"));
        String size = c.param("size");
        long current = volume.size;
        long requested = size.startsWith("+") ? current + Disks.parseSize(size.substring(1)) : Disks.parseSize(size);
        if (requested < current) {
            throw PveError.die("shrinking disks is not supported");
        }
        Task task = ctx.tasks()
                .start(
                        c.node(),
                        "resize",
                        Integer.toString(vm.vmid),
                        c.principal().upidUser(),
                        t -> {
                            volume.size = requested;
                            Map<String, String> now = Disks.parse(vm.config.get(disk));
                            now.put("size", Disks.formatSize(requested));
                            vm.config.put(disk, Disks.print(now));
                            t.log.add("resized " + disk + " to " + Disks.formatSize(requested));
                            return "OK";
                        });
        return new TextNode(task.upid);
    }

    private JsonNode destroy(Call c) {
        Vm vm = ctx.vm(c.node(), c.vmid());
        c.require("/vms/" + vm.vmid, "VM.Allocate");
        ctx.checkLock(vm, skiplock(c));
        if ("1".equals(vm.config.get("protection"))) {
            throw PveError.die("can't remove VM " + vm.vmid + " - protection mode enabled");
        }
        if (vm.running) {
            throw PveError.die("VM " + vm.vmid + " is running - destroy failed");
        }
        boolean purge = c.flag("purge");
        if (ctx.model().ha.manages(vm.vmid) && !purge) {
            throw PveError.die(
                    "unable to remove VM " + vm.vmid + " - used in HA resources and purge parameter not set.");
        }
        boolean unreferenced = c.flag("destroy-unreferenced-disks", true);
        vm.lock = "destroyed";
        Task task = ctx.tasks()
                .start(
                        c.node(),
                        "qmdestroy",
                        Integer.toString(vm.vmid),
                        c.principal().upidUser(),
                        t -> {
                            vms.destroyVolumes(vm, unreferenced);
                            ctx.model().vms.remove(vm.vmid);
                            if (purge) {
                                ha.purge(vm.vmid);
                                backups.purgeFromJobs(vm.vmid);
                            }
                            t.log.add("purging VM " + vm.vmid + " from related configurations..");
                            return "OK";
                        });
        return new TextNode(task.upid);
    }

    private JsonNode cloneVm(Call c) {
        Vm source = ctx.vm(c.node(), c.vmid());
        int newid = c.intParam("newid");
        c.require("/vms/" + newid, "VM.Allocate");
        c.require("/vms/" + source.vmid, "VM.Clone");
        ctx.checkLock(source, false);
        ctx.checkVmidUnused(newid);
        String target = c.opt("target").orElse(source.node);
        Node targetNode = ctx.node(target);
        if (!targetNode.online) {
            throw PveError.die("target node '" + target + "' is not online");
        }
        String storage = c.opt("storage").orElse(null);
        if (storage != null && !ctx.model().storages.containsKey(storage)) {
            throw PveError.die("storage '" + storage + "' does not exist");
        }
        if (!target.equals(source.node)
                && storage == null
                && !vms.localVolumes(source).isEmpty()) {
            throw PveError.die("Can't clone to other node with local storage - use 'storage' to select shared storage");
        }
        Vm clone = new Vm(newid, target);
        clone.lock = "clone";
        ctx.model().vms.put(newid, clone);
        if (!source.template()) {
            source.lock = "clone";
        }
        String name = c.opt("name").orElse("Copy-of-VM-" + source.name());
        Task task = ctx.tasks()
                .start(
                        c.node(),
                        "qmclone",
                        Integer.toString(source.vmid),
                        c.principal().upidUser(),
                        t -> {
                            Map<String, String> conf = new LinkedHashMap<>();
                            for (Map.Entry<String, String> e :
                                    source.config.asMap().entrySet()) {
                                String k = e.getKey();
                                if (k.equals("meta")
                                        || k.equals("vmgenid")
                                        || k.equals("smbios1")
                                        || k.startsWith("unused")
                                        || k.equals("template")) {
                                    continue;
                                }
                                conf.put(k, cloneValue(source, k, e.getValue(), storage));
                            }
                            conf.put("name", name);
                            c.opt("description").ifPresent(d -> conf.put("description", d));
                            vms.initialiseNewConfig(clone, conf);
                            return "OK";
                        });
        task.onFinish(() -> {
            clone.lock = null;
            if ("clone".equals(source.lock)) {
                source.lock = null;
            }
        });
        return new TextNode(task.upid);
    }

    private String cloneValue(Vm source, String key, String value, String storage) {
        if (Disks.NET_KEY.matcher(key).matches()) {
            return value.replaceFirst("^([a-z0-9_-]+)=[0-9A-Fa-f:]{17}", "$1");
        }
        if (!Disks.isResizable(key)) {
            return value;
        }
        Map<String, String> drive = Disks.parse(value);
        String file = drive.getOrDefault("file", "none");
        if (Disks.isCdrom(drive) || !file.contains(":")) {
            if (file.contains("cloudinit")) {
                drive.put("file", (storage != null ? storage : file.substring(0, file.indexOf(':'))) + ":cloudinit");
                drive.remove("media");
            }
            return Disks.print(drive);
        }
        long bytes = ctx.model()
                .volume(source.node, file)
                .map(v -> v.size)
                .orElse(Disks.parseSize(drive.getOrDefault("size", "1G")));
        String targetStorage = storage != null ? storage : file.substring(0, file.indexOf(':'));
        drive.put("file", targetStorage + ":" + (bytes / (double) (1L << 30)));
        drive.remove("size");
        return Disks.print(drive);
    }

    private JsonNode agentInterfaces(Call c) {
        Vm vm = ctx.vm(c.node(), c.vmid());
        if (!vm.running) {
            throw PveError.die("VM " + vm.vmid + " is not running");
        }
        if (!vm.agentEnabled()) {
            throw PveError.die("No QEMU guest agent configured");
        }
        if (vm.agentReadyAt == null || ctx.clock().instant().isBefore(vm.agentReadyAt)) {
            throw PveError.die("QEMU guest agent is not running");
        }
        ArrayNode result = Json.arr();
        result.add(iface("lo", "00:00:00:00:00:00", "127.0.0.1", 8));
        int index = 0;
        for (Map.Entry<String, String> e : vm.config.asMap().entrySet()) {
            if (!Disks.NET_KEY.matcher(e.getKey()).matches()) {
                continue;
            }
            String mac = e.getValue()
                    .replaceFirst("^[a-z0-9_-]+=([0-9A-Fa-f:]{17}).*$", "$1")
                    .toLowerCase();
            int vlan = vlanOf(e.getValue(), index);
            String ip = "10.8." + vlan + "." + (20 + vm.vmid % 200);
            result.add(iface("eth" + index, mac, ip, 24));
            index++;
        }
        return Json.obj().set("result", result);
    }

    private static int vlanOf(String net, int index) {
        for (String part : net.split(",")) {
            if (part.startsWith("tag=")) {
                return Integer.parseInt(part.substring(4));
            }
        }
        return index == 0 ? 16 : 28;
    }

    private static ObjectNode iface(String name, String mac, String ipv4, int prefix) {
        ObjectNode i = Json.obj().put("name", name).put("hardware-address", mac);
        ArrayNode addrs = Json.arr();
        addrs.add(Json.obj()
                .put("ip-address-type", "ipv4")
                .put("ip-address", ipv4)
                .put("prefix", prefix));
        i.set("ip-addresses", addrs);
        i.set(
                "statistics",
                Json.obj()
                        .put("rx-bytes", 0)
                        .put("rx-packets", 0)
                        .put("rx-errs", 0)
                        .put("rx-dropped", 0)
                        .put("tx-bytes", 0)
                        .put("tx-packets", 0)
                        .put("tx-errs", 0)
                        .put("tx-dropped", 0));
        return i;
    }

    private static boolean skiplock(Call c) {
        boolean skip = c.flag("skiplock");
        if (skip && !c.principal().isRootTicket()) {
            throw PveError.param("skiplock", "Only root may use this option.");
        }
        return skip;
    }
}
