package dev.underlay.simulator.pve.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.underlay.simulator.pve.PveError;
import dev.underlay.simulator.pve.auth.AccessControl;
import dev.underlay.simulator.pve.model.Node;
import dev.underlay.simulator.pve.model.StorageDef;
import dev.underlay.simulator.pve.model.Vm;
import dev.underlay.simulator.pve.task.Task;

import java.util.ArrayList;
import java.util.List;

/** {@code /version}, {@code /access/...}, {@code /cluster/status|resources|nextid|tasks}, bulk migrate. */
final class ClusterEndpoints {

    private final SimContext ctx;
    private final VmService vms;
    private final HaService ha;

    ClusterEndpoints(SimContext ctx, VmService vms, HaService ha) {
        this.ctx = ctx;
        this.vms = vms;
        this.ha = ha;
    }

    void register(Routes r) {
        r.get(
                "/version",
                c -> Json.obj()
                        .put("version", ctx.version().version())
                        .put("release", ctx.version().release())
                        .put("repoid", ctx.version().repoid()));
        r.post("/access/ticket", this::ticket);
        r.get(
                "/access/domains",
                c -> Json.arr()
                        .add(Json.obj()
                                .put("realm", "pam")
                                .put("type", "pam")
                                .put("comment", "Linux PAM standard authentication"))
                        .add(Json.obj()
                                .put("realm", "pve")
                                .put("type", "pve")
                                .put("comment", "Proxmox VE authentication server")));
        r.get("/access/permissions", this::permissions);
        r.get("/cluster/status", c -> clusterStatus());
        r.get("/cluster/resources", this::resources);
        r.get("/cluster/nextid", this::nextId);
        r.get("/cluster/tasks", c -> TaskRows.list(ctx.tasks().all(), null));
        r.post("/cluster/bulk-action/guest/migrate", this::bulkMigrate);
    }

    private JsonNode ticket(Call c) {
        AccessControl.Issued issued =
                ctx.access().login(c.param("username"), c.opt("realm").orElse(null), c.param("password"));
        ObjectNode out = Json.obj()
                .put("username", issued.userId())
                .put("ticket", issued.ticket())
                .put("CSRFPreventionToken", issued.csrfToken())
                .put("clustername", ctx.model().name);
        ObjectNode cap = Json.obj();
        ObjectNode vmsCap = Json.obj();
        ctx.access()
                .privileges(new dev.underlay.simulator.pve.auth.Principal(issued.userId(), null, true))
                .forEach(p -> vmsCap.put(p, 1));
        cap.set("vms", vmsCap);
        out.set("cap", cap);
        return out;
    }

    private JsonNode permissions(Call c) {
        ObjectNode privs = Json.obj();
        ctx.access().privileges(c.principal()).forEach(p -> privs.put(p, 1));
        ObjectNode out = Json.obj();
        String path = c.opt("path").orElse(null);
        for (String p : path != null
                ? List.of(path)
                : List.of("/", "/vms", "/storage", "/nodes", "/sdn", "/access", "/pool", "/mapping")) {
            out.set(p, privs.deepCopy());
        }
        return out;
    }

    private JsonNode clusterStatus() {
        ArrayNode out = Json.arr();
        out.add(Json.obj()
                .put("type", "cluster")
                .put("id", "cluster")
                .put("name", ctx.model().name)
                .put("nodes", ctx.model().nodes.size())
                .put("version", 3 + ctx.model().nodes.size())
                .put("quorate", Json.bit(ctx.model().quorate())));
        boolean first = true;
        for (Node n : ctx.model().nodes.values()) {
            out.add(Json.obj()
                    .put("type", "node")
                    .put("id", "node/" + n.name)
                    .put("name", n.name)
                    .put("nodeid", n.nodeId)
                    .put("ip", n.ip)
                    .put("online", Json.bit(n.online))
                    .put("local", Json.bit(first))
                    .put("level", ""));
            first = false;
        }
        return out;
    }

    private JsonNode resources(Call c) {
        String type = c.opt("type").orElse(null);
        ArrayNode out = Json.arr();
        if (type == null || type.equals("vm")) {
            for (Vm vm : ctx.model().vms.values()) {
                out.add(Rows.vmRow(ctx, vm, false));
            }
        }
        if (type == null || type.equals("node")) {
            for (Node n : ctx.model().nodes.values()) {
                out.add(Rows.nodeRow(ctx, n));
            }
        }
        if (type == null || type.equals("storage")) {
            for (Node n : ctx.model().nodes.values()) {
                for (StorageDef s : ctx.model().storages.values()) {
                    if (s.enabledOn(n.name)) {
                        out.add(Rows.storageRow(ctx, s, n.name));
                    }
                }
            }
        }
        return out;
    }

    private JsonNode nextId(Call c) {
        if (c.opt("vmid").isPresent()) {
            int vmid = c.vmid();
            if (ctx.model().vms.containsKey(vmid)) {
                throw PveError.param("vmid", "VM " + vmid + " already exists");
            }
            return new TextNode(Integer.toString(vmid));
        }
        int id = 100;
        while (ctx.model().vms.containsKey(id)) {
            id++;
        }
        return new TextNode(Integer.toString(id));
    }

    private JsonNode bulkMigrate(Call c) {
        String target = c.param("target");
        Node targetNode = ctx.node(target);
        if (!targetNode.online) {
            throw PveError.die("target node '" + target + "' is not online");
        }
        List<String> only = c.list("vms");
        boolean online = c.flag("online");
        boolean withLocalDisks = c.flag("with-local-disks");
        List<Vm> guests = new ArrayList<>();
        for (Vm vm : ctx.model().vms.values()) {
            if (!vm.node.equals(target) && (only.isEmpty() || only.contains(Integer.toString(vm.vmid)))) {
                guests.add(vm);
            }
        }
        Task task = ctx.tasks().start(target, "bulkmigrate", "", c.principal().upidUser(), t -> {
            int failed = 0;
            for (Vm vm : guests) {
                if (vm.lock != null
                        || (vm.running && !online)
                        || !ctx.model().node(vm.node).map(n -> n.online).orElse(false)) {
                    t.log.add("skipping VM " + vm.vmid);
                    failed++;
                    continue;
                }
                // each guest goes the way its own migrate call would: HA guests through the CRM, and a running
                // guest's local disks only with with-local-disks
                if (ctx.model().ha.controls(vm.vmid)) {
                    t.log.add("requesting HA migration of VM " + vm.vmid + " to " + target);
                    ha.migrateSoon(vm.vmid, target);
                    continue;
                }
                if (vm.running && !withLocalDisks && !vms.localVolumes(vm).isEmpty()) {
                    t.log.add("skipping VM " + vm.vmid + ": can't live migrate attached local disks without "
                            + "with-local-disks option");
                    failed++;
                    continue;
                }
                t.log.add("migrating VM " + vm.vmid + " from " + vm.node + " to " + target);
                vms.moveTo(vm, target);
            }
            return failed == 0 ? "OK" : "WARNINGS: " + failed;
        });
        return new TextNode(task.upid);
    }
}
