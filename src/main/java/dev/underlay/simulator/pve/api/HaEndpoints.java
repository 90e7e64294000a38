package dev.underlay.simulator.pve.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.underlay.simulator.pve.PveError;
import dev.underlay.simulator.pve.model.HaState;
import dev.underlay.simulator.pve.model.Node;
import dev.underlay.simulator.pve.model.Vm;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code /cluster/ha/...}: resources, groups (PVE 8 style), rules (PVE 9), status. */
final class HaEndpoints {

    private static final Set<String> RESOURCE_KEYS =
            Set.of("state", "group", "failback", "max_relocate", "max_restart", "comment");
    private static final DateTimeFormatter CTIME =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final SimContext ctx;
    private final HaService ha;

    HaEndpoints(SimContext ctx, HaService ha) {
        this.ctx = ctx;
        this.ha = ha;
    }

    void register(Routes r) {
        r.get("/cluster/ha/resources", this::listResources);
        r.post("/cluster/ha/resources", this::createResource);
        r.get("/cluster/ha/resources/{sid}", this::readResource);
        r.put("/cluster/ha/resources/{sid}", this::updateResource);
        r.delete("/cluster/ha/resources/{sid}", this::deleteResource);
        r.post("/cluster/ha/resources/{sid}/migrate", c -> migrate(c, "migrate"));
        r.post("/cluster/ha/resources/{sid}/relocate", c -> migrate(c, "relocate"));
        r.get("/cluster/ha/groups", c -> listGroups());
        r.post("/cluster/ha/groups", this::createGroup);
        r.get("/cluster/ha/groups/{group}", c -> readGroup(c.param("group")));
        r.put("/cluster/ha/groups/{group}", this::updateGroup);
        r.delete("/cluster/ha/groups/{group}", this::deleteGroup);
        r.get("/cluster/ha/rules", this::listRules);
        r.post("/cluster/ha/rules", this::createRule);
        r.get("/cluster/ha/rules/{rule}", c -> readRule(c.param("rule")));
        r.put("/cluster/ha/rules/{rule}", this::updateRule);
        r.delete("/cluster/ha/rules/{rule}", this::deleteRule);
        r.get("/cluster/ha/status/current", c -> statusCurrent());
        r.get("/cluster/ha/status/manager_status", c -> managerStatus());
        r.post("/cluster/ha/status/arm-ha", c -> arm(true));
        r.post("/cluster/ha/status/disarm-ha", c -> arm(false));
    }

    private HaState state() {
        return ctx.model().ha;
    }

    private static String normaliseSid(String sid) {
        return sid.contains(":") ? sid : "vm:" + sid;
    }

    private Map<String, String> sid(Call c) {
        String sid = normaliseSid(c.param("sid"));
        Map<String, String> res = state().resources.get(sid);
        if (res == null) {
            throw PveError.die("no such resource '" + sid + "'");
        }
        return res;
    }

    private JsonNode listResources(Call c) {
        ArrayNode out = Json.arr();
        String digest = ConfigDigest.of(state().resources);
        state().resources.forEach((sid, res) -> out.add(resourceRow(sid, res, digest)));
        return out;
    }

    private JsonNode readResource(Call c) {
        Map<String, String> res = sid(c);
        return resourceRow(normaliseSid(c.param("sid")), res, ConfigDigest.of(state().resources));
    }

    /** {@code digest} is that of the whole resources.cfg, the same on every row. */
    private ObjectNode resourceRow(String sid, Map<String, String> res, String digest) {
        ObjectNode row = Json.obj()
                .put("sid", sid)
                .put("type", sid.substring(0, sid.indexOf(':')))
                .put("state", res.getOrDefault("state", "started"));
        res.forEach((k, v) -> {
            if (!k.equals("state")) {
                if (v.matches("\\d+") && !k.equals("comment")) {
                    row.put(k, Long.parseLong(v));
                } else {
                    row.put(k, v);
                }
            }
        });
        row.put("digest", digest);
        return row;
    }

    private JsonNode createResource(Call c) {
        String sid = normaliseSid(c.param("sid"));
        if (!sid.startsWith("vm:")) {
            throw PveError.die("simulator: only vm resources are simulated");
        }
        int vmid = Integer.parseInt(sid.substring(3));
        if (!ctx.model().vms.containsKey(vmid)) {
            throw PveError.die("unable to find VM '" + vmid + "'");
        }
        if (state().resources.containsKey(sid)) {
            throw PveError.die("resource ID '" + sid + "' already defined");
        }
        checkGroupParam(c);
        Map<String, String> res = ha.addResource(vmid, c.opt("state").orElse("started"));
        copyResourceKeys(c, res);
        return null;
    }

    private void checkGroupParam(Call c) {
        if (c.opt("group").isPresent()) {
            if (state().mode == HaState.Mode.RULES) {
                throw PveError.die("invalid parameter 'group': ha groups have been migrated to rules");
            }
            if (!state().groups.containsKey(c.param("group"))) {
                throw PveError.die("ha group '" + c.param("group") + "' does not exist");
            }
        }
    }

    private static void copyResourceKeys(Call c, Map<String, String> res) {
        c.params().forEach((k, v) -> {
            if (RESOURCE_KEYS.contains(k)) {
                res.put(k, v);
            }
        });
    }

    private JsonNode updateResource(Call c) {
        Map<String, String> res = sid(c);
        ConfigDigest.check(c, ConfigDigest.of(state().resources));
        checkGroupParam(c);
        copyResourceKeys(c, res);
        for (String key : c.list("delete")) {
            res.remove(key);
        }
        int vmid = Integer.parseInt(normaliseSid(c.param("sid")).substring(3));
        ha.reconcileSoon(vmid);
        return null;
    }

    private JsonNode deleteResource(Call c) {
        sid(c);
        int vmid = Integer.parseInt(normaliseSid(c.param("sid")).substring(3));
        if (c.flag("purge", true)) {
            ha.purge(vmid);
        } else {
            state().resources.remove(normaliseSid(c.param("sid")));
        }
        return null;
    }

    private JsonNode migrate(Call c, String kind) {
        sid(c);
        String sid = normaliseSid(c.param("sid"));
        String target = c.param("node");
        Node node = ctx.node(target);
        if (!node.online) {
            throw PveError.die("node '" + target + "' is not online");
        }
        int vmid = Integer.parseInt(sid.substring(3));
        ha.migrateSoon(vmid, target);
        if (!ctx.version().atLeast9()) {
            return null;
        }
        return Json.obj().put("sid", sid).put("requested-node", target);
    }

    // ---- groups (PVE 8, and PVE 9 before the migration to rules)

    private void groupsAvailable(String action) {
        if (state().mode == HaState.Mode.RULES) {
            throw PveError.die("cannot " + action + ": ha groups have been migrated to rules");
        }
    }

    private JsonNode listGroups() {
        groupsAvailable("index groups");
        ArrayNode out = Json.arr();
        state().groups.forEach((name, g) -> out.add(groupRow(name, g)));
        return out;
    }

    private ObjectNode groupRow(String name, Map<String, String> g) {
        ObjectNode row = Json.obj().put("group", name).put("type", "group");
        g.forEach((k, v) -> {
            if (k.equals("restricted") || k.equals("nofailback")) {
                row.put(k, Integer.parseInt(v));
            } else {
                row.put(k, v);
            }
        });
        row.put("digest", ConfigDigest.of(state().groups));
        return row;
    }

    private JsonNode readGroup(String name) {
        groupsAvailable("read group");
        Map<String, String> g = state().groups.get(name);
        if (g == null) {
            throw PveError.die("no such ha group '" + name + "'");
        }
        return groupRow(name, g);
    }

    private JsonNode createGroup(Call c) {
        groupsAvailable("create group");
        String name = c.param("group");
        if (state().groups.containsKey(name)) {
            throw PveError.die("ha group '" + name + "' already defined");
        }
        Map<String, String> g = new LinkedHashMap<>();
        copyGroupKeys(c, g);
        state().groups.put(name, g);
        return null;
    }

    private static void copyGroupKeys(Call c, Map<String, String> g) {
        for (String k : new String[] {"nodes", "restricted", "nofailback", "comment"}) {
            c.opt(k).ifPresent(v -> g.put(k, v));
        }
    }

    private JsonNode updateGroup(Call c) {
        groupsAvailable("update group");
        Map<String, String> g = state().groups.get(c.param("group"));
        if (g == null) {
            throw PveError.die("no such ha group '" + c.param("group") + "'");
        }
        ConfigDigest.check(c, ConfigDigest.of(state().groups));
        copyGroupKeys(c, g);
        for (String key : c.list("delete")) {
            g.remove(key);
        }
        return null;
    }

    private JsonNode deleteGroup(Call c) {
        groupsAvailable("delete group");
        String name = c.param("group");
        boolean used = state().resources.values().stream().anyMatch(r -> name.equals(r.get("group")));
        if (used) {
            throw PveError.die("ha group '" + name + "' is used by HA resources");
        }
        if (state().groups.remove(name) == null) {
            throw PveError.die("no such ha group '" + name + "'");
        }
        return null;
    }

    // ---- rules (PVE 9)

    private void rulesAvailable(String action) {
        if (state().mode == HaState.Mode.GROUPS) {
            throw PveError.die("cannot " + action + ": ha groups have not been migrated yet");
        }
    }

    private JsonNode listRules(Call c) {
        rulesAvailable("index rules");
        ArrayNode out = Json.arr();
        String type = c.opt("type").orElse(null);
        String resource = c.opt("resource").orElse(null);
        state().rules.forEach((name, rule) -> {
            boolean typeOk = type == null || type.equals(rule.get("type"));
            boolean resOk = resource == null
                    || Call.csv(rule.getOrDefault("resources", "")).contains(resource);
            if (typeOk && resOk) {
                out.add(ruleRow(name, rule));
            }
        });
        return out;
    }

    private ObjectNode ruleRow(String name, Map<String, String> rule) {
        ObjectNode row = Json.obj().put("rule", name);
        int order = 1;
        for (String key : state().rules.keySet()) {
            if (key.equals(name)) {
                break;
            }
            order++;
        }
        rule.forEach((k, v) -> {
            if (k.equals("strict") || k.equals("disable")) {
                row.put(k, Integer.parseInt(v));
            } else {
                row.put(k, v);
            }
        });
        if (!row.has("disable")) {
            row.put("disable", 0);
        }
        if ("node-affinity".equals(rule.get("type")) && !row.has("strict")) {
            row.put("strict", 0);
        }
        row.put("order", order);
        row.put("digest", ConfigDigest.of(state().rules));
        return row;
    }

    private JsonNode readRule(String name) {
        rulesAvailable("read rule");
        Map<String, String> rule = state().rules.get(name);
        if (rule == null) {
            throw PveError.die("no such ha rule '" + name + "'");
        }
        return ruleRow(name, rule);
    }

    private JsonNode createRule(Call c) {
        rulesAvailable("create ha rule");
        String name = c.param("rule");
        if (state().rules.containsKey(name)) {
            throw PveError.die("ha rule '" + name + "' already defined");
        }
        Map<String, String> rule = new LinkedHashMap<>();
        rule.put("type", c.param("type"));
        copyRuleKeys(c, rule);
        checkRule(rule);
        state().rules.put(name, rule);
        return null;
    }

    private void checkRule(Map<String, String> rule) {
        StringBuilder unmanaged = new StringBuilder();
        for (String sid : Call.csv(rule.getOrDefault("resources", ""))) {
            if (!state().resources.containsKey(normaliseSid(sid))) {
                unmanaged.append(unmanaged.length() == 0 ? "" : ", ").append(sid);
            }
        }
        if (unmanaged.length() > 0) {
            throw PveError.die("cannot use unmanaged resource(s) " + unmanaged + ".");
        }
        if ("node-affinity".equals(rule.get("type")) && !rule.containsKey("nodes")) {
            throw PveError.param("nodes", "property is missing and it is not optional");
        }
        if ("resource-affinity".equals(rule.get("type")) && !rule.containsKey("affinity")) {
            throw PveError.param("affinity", "property is missing and it is not optional");
        }
    }

    private static void copyRuleKeys(Call c, Map<String, String> rule) {
        for (String k : new String[] {"resources", "nodes", "strict", "affinity", "disable", "comment"}) {
            c.opt(k).ifPresent(v -> rule.put(k, v));
        }
    }

    private JsonNode updateRule(Call c) {
        rulesAvailable("update ha rule");
        Map<String, String> rule = state().rules.get(c.param("rule"));
        if (rule == null) {
            throw PveError.die("no such ha rule '" + c.param("rule") + "'");
        }
        ConfigDigest.check(c, ConfigDigest.of(state().rules));
        Map<String, String> updated = new LinkedHashMap<>(rule);
        copyRuleKeys(c, updated);
        for (String key : c.list("delete")) {
            updated.remove(key);
        }
        checkRule(updated);
        rule.clear();
        rule.putAll(updated);
        return null;
    }

    private JsonNode deleteRule(Call c) {
        rulesAvailable("delete ha rule");
        if (state().rules.remove(c.param("rule")) == null) {
            throw PveError.die("no such ha rule '" + c.param("rule") + "'");
        }
        return null;
    }

    // ---- status

    private JsonNode statusCurrent() {
        ArrayNode out = Json.arr();
        long now = ctx.now();
        String master = masterNode();
        boolean quorate = ctx.model().quorate();
        out.add(Json.obj()
                .put("id", "quorum")
                .put("type", "quorum")
                .put("node", master)
                .put("quorate", Json.bit(quorate))
                .put("status", quorate ? "OK" : "No quorum on node '" + master + "'!"));
        out.add(Json.obj()
                .put("id", "master")
                .put("type", "master")
                .put("node", master)
                .put("timestamp", now)
                .put("status", master + " (active, " + CTIME.format(Instant.ofEpochSecond(now)) + ")"));
        if (ctx.version().atLeast9()) {
            out.add(Json.obj()
                    .put("id", "fencing")
                    .put("type", "fencing")
                    .put("node", master)
                    .put("armed-state", state().armed ? "armed" : "disarmed")
                    .put("status", state().armed ? "armed (CRM watchdog active)" : "disarmed"));
        }
        for (Node n : ctx.model().nodes.values()) {
            boolean active = ctx.model().vmsOn(n.name).stream().anyMatch(v -> state().manages(v.vmid));
            String mode = !n.online
                    ? "old timestamp - dead?"
                    : n.maintenance ? "maintenance mode" : active ? "active" : "idle";
            String watchdog = active && n.online ? "watchdog active" : "watchdog standby";
            out.add(Json.obj()
                    .put("id", "lrm:" + n.name)
                    .put("type", "lrm")
                    .put("node", n.name)
                    .put("timestamp", now)
                    .put(
                            "status",
                            n.name + " (" + mode + ", " + watchdog + ", " + CTIME.format(Instant.ofEpochSecond(now))
                                    + ")"));
        }
        state().resources.forEach((sid, res) -> {
            int vmid = Integer.parseInt(sid.substring(3));
            Vm vm = ctx.model().vms.get(vmid);
            String node = vm == null ? master : vm.node;
            String requested = res.getOrDefault("state", "started");
            String crm = vm == null
                    ? "error"
                    : vm.running ? "started" : requested.equals("started") ? "starting" : "stopped";
            ObjectNode row = Json.obj()
                    .put("id", "service:" + sid)
                    .put("type", "service")
                    .put("sid", sid)
                    .put("node", node)
                    .put("state", crm)
                    .put("crm_state", crm)
                    .put("request_state", requested)
                    .put("max_relocate", Integer.parseInt(res.getOrDefault("max_relocate", "1")))
                    .put("max_restart", Integer.parseInt(res.getOrDefault("max_restart", "1")))
                    .put("status", sid + " (" + node + ", " + crm + ")");
            if (ctx.version().atLeast9()) {
                row.put("failback", Integer.parseInt(res.getOrDefault("failback", "1")));
            }
            if (res.containsKey("group")) {
                row.put("group", res.get("group"));
            }
            out.add(row);
        });
        return out;
    }

    private JsonNode managerStatus() {
        long now = ctx.now();
        ObjectNode lrm = Json.obj();
        ObjectNode nodeRequest = Json.obj();
        ObjectNode nodeStatus = Json.obj();
        for (Node n : ctx.model().nodes.values()) {
            lrm.set(
                    n.name,
                    Json.obj()
                            .put("mode", n.maintenance ? "maintenance" : "active")
                            .set("results", Json.obj()));
            ((ObjectNode) lrm.get(n.name)).put("state", "active").put("timestamp", now);
            nodeRequest.set(n.name, n.maintenance ? Json.obj().put("maintenance", 1) : Json.obj());
            nodeStatus.put(n.name, !n.online ? "unknown" : n.maintenance ? "maintenance" : "online");
        }
        ObjectNode services = Json.obj();
        state().resources.forEach((sid, res) -> {
            Vm vm = ctx.model().vms.get(Integer.parseInt(sid.substring(3)));
            services.set(
                    sid,
                    Json.obj()
                            .put("node", vm == null ? "" : vm.node)
                            .put("state", vm != null && vm.running ? "started" : "stopped")
                            .put("uid", Integer.toHexString(sid.hashCode())));
        });
        ObjectNode manager = Json.obj().put("master_node", masterNode()).put("timestamp", now);
        manager.set("node_request", nodeRequest);
        manager.set("node_status", nodeStatus);
        manager.set("service_status", services);
        ObjectNode out = Json.obj();
        out.set("lrm_status", lrm);
        out.set("manager_status", manager);
        out.set(
                "quorum",
                Json.obj().put("node", masterNode()).put("quorate", ctx.model().quorate() ? "1" : "0"));
        return out;
    }

    private JsonNode arm(boolean armed) {
        state().armed = armed;
        return null;
    }

    /** The CRM master is simulated as the node answering cluster-wide calls. */
    private String masterNode() {
        return ctx.localNode();
    }
}
