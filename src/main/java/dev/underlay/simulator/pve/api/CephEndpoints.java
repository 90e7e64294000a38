package dev.underlay.simulator.pve.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.underlay.simulator.pve.PveError;
import dev.underlay.simulator.pve.model.CephState;
import dev.underlay.simulator.pve.model.Node;
import dev.underlay.simulator.pve.model.StorageDef;
import dev.underlay.simulator.pve.task.Task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /cluster/ceph/...} and {@code /nodes/{node}/ceph/pool|osd}: a Ceph Reef/Squid cluster's view. */
final class CephEndpoints {

    private static final Map<String, String> FLAGS = flagDescriptions();
    private static final String BASE_FLAGS = "sortbitwise,recovery_deletes,purged_snapdirs,pglog_hardlimit";

    private final SimContext ctx;

    CephEndpoints(SimContext ctx) {
        this.ctx = ctx;
    }

    void register(Routes r) {
        r.get("/cluster/ceph/status", c -> status());
        r.get("/cluster/ceph/flags", c -> flags());
        r.put("/cluster/ceph/flags", this::setFlags);
        r.get(
                "/cluster/ceph/flags/{flag}",
                c -> IntNode.valueOf(Json.bit(ceph().flags.contains(c.param("flag")))));
        r.put("/cluster/ceph/flags/{flag}", c -> {
            setFlag(c.param("flag"), c.flag("value"));
            return null;
        });
        r.get("/nodes/{node}/ceph/status", c -> status());
        r.get("/nodes/{node}/ceph/pool", c -> pools());
        r.post("/nodes/{node}/ceph/pool", this::createPool);
        r.get("/nodes/{node}/ceph/pool/{name}", c -> poolStatus(pool(c)));
        r.get("/nodes/{node}/ceph/pool/{name}/status", c -> poolStatus(pool(c)));
        r.put("/nodes/{node}/ceph/pool/{name}", this::updatePool);
        r.delete("/nodes/{node}/ceph/pool/{name}", this::deletePool);
        r.get("/nodes/{node}/ceph/osd", c -> osdTree());
        r.post("/nodes/{node}/ceph/osd/{osdid}/in", c -> setIn(c, true));
        r.post("/nodes/{node}/ceph/osd/{osdid}/out", c -> setIn(c, false));
    }

    private CephState ceph() {
        return ctx.model().ceph;
    }

    private boolean osdUp(CephState.Osd osd) {
        return ctx.model().node(osd.host).map(n -> n.online).orElse(false);
    }

    private JsonNode status() {
        CephState ceph = ceph();
        ObjectNode out = Json.obj();
        out.put("fsid", ceph.fsid);
        ObjectNode checks = Json.obj();
        long down = ceph.osds.values().stream().filter(o -> !osdUp(o)).count();
        List<String> monsUp = new ArrayList<>();
        ceph.monitors.keySet().forEach(m -> {
            if (ctx.model().node(m).map(n -> n.online).orElse(false)) {
                monsUp.add(m);
            }
        });
        if (down > 0) {
            checks.set("OSD_DOWN", check("HEALTH_WARN", down + " osds down"));
        }
        List<String> userFlags = new ArrayList<>(ceph.flags);
        if (!userFlags.isEmpty()) {
            checks.set("OSDMAP_FLAGS", check("HEALTH_WARN", String.join(",", userFlags) + " flag(s) set"));
        }
        if (monsUp.size() < ceph.monitors.size()) {
            checks.set(
                    "MON_DOWN",
                    check(
                            "HEALTH_WARN",
                            (ceph.monitors.size() - monsUp.size()) + "/" + ceph.monitors.size() + " mons down, quorum "
                                    + String.join(",", monsUp)));
        }
        out.set(
                "health",
                Json.obj()
                        .put("status", checks.isEmpty() ? "HEALTH_OK" : "HEALTH_WARN")
                        .<ObjectNode>set("checks", checks)
                        .set("mutes", Json.arr()));
        out.put("election_epoch", 42);
        ArrayNode quorum = Json.arr();
        ArrayNode quorumNames = Json.arr();
        ArrayNode mons = Json.arr();
        int rank = 0;
        for (Map.Entry<String, String> m : ceph.monitors.entrySet()) {
            if (monsUp.contains(m.getKey())) {
                quorum.add(rank);
                quorumNames.add(m.getKey());
            }
            mons.add(Json.obj()
                    .put("rank", rank)
                    .put("name", m.getKey())
                    .put("addr", m.getValue() + ":6789/0")
                    .put("public_addr", m.getValue() + ":6789/0")
                    .put("priority", 0)
                    .put("weight", 0)
                    .put("crush_location", "{}"));
            rank++;
        }
        out.set("quorum", quorum);
        out.set("quorum_names", quorumNames);
        out.put("quorum_age", 86400);
        out.set(
                "monmap",
                Json.obj()
                        .put("epoch", 3)
                        .put("fsid", ceph.fsid)
                        .put("min_mon_release", 18)
                        .put("min_mon_release_name", "reef")
                        .<ObjectNode>set("mons", mons));
        long total = ceph.osds.values().stream()
                .filter(o -> o.in)
                .mapToLong(o -> o.totalBytes)
                .sum();
        long used = ceph.pools.values().stream()
                        .mapToLong(p -> storedBytes(p) * p.size)
                        .sum()
                + ceph.osds.values().stream().mapToLong(o -> o.usedBytes).sum();
        long up = ceph.osds.values().stream().filter(this::osdUp).count();
        long in = ceph.osds.values().stream().filter(o -> o.in).count();
        out.set(
                "osdmap",
                Json.obj()
                        .put("epoch", ceph.osdmapEpoch)
                        .put("num_osds", ceph.osds.size())
                        .put("num_up_osds", up)
                        .put("osd_up_since", ctx.now() - 3600)
                        .put("num_in_osds", in)
                        .put("osd_in_since", ctx.now() - 3600)
                        .put("num_remapped_pgs", 0));
        int pgs = ceph.pools.values().stream().mapToInt(p -> p.pgNum).sum();
        ArrayNode byState = Json.arr()
                .add(Json.obj()
                        .put("state_name", down > 0 ? "active+undersized+degraded" : "active+clean")
                        .put("count", pgs));
        out.set(
                "pgmap",
                Json.obj()
                        .<ObjectNode>set("pgs_by_state", byState)
                        .put("num_pgs", pgs)
                        .put("num_pools", ceph.pools.size())
                        .put(
                                "num_objects",
                                ceph.pools.values().stream()
                                        .mapToLong(p -> storedBytes(p) / (4L << 20))
                                        .sum())
                        .put(
                                "data_bytes",
                                ceph.pools.values().stream()
                                        .mapToLong(this::storedBytes)
                                        .sum())
                        .put("bytes_used", used)
                        .put("bytes_avail", total - used)
                        .put("bytes_total", total));
        String activeMgr = monsUp.isEmpty() ? "" : monsUp.get(0);
        ArrayNode standbys = Json.arr();
        monsUp.stream()
                .skip(1)
                .forEach(m -> standbys.add(Json.obj()
                        .put("name", m)
                        .put("gid", 4100 + m.length())
                        .put("mgr_features", 4540138322906710015L)));
        out.set(
                "mgrmap",
                Json.obj()
                        .put("available", !monsUp.isEmpty())
                        .put("num_standbys", standbys.size())
                        .put("active_name", activeMgr)
                        .put("active_mgr_features", 4540138322906710015L)
                        .<ObjectNode>set("standbys", standbys)
                        .set("modules", Json.arr().add("iostat").add("restful")));
        out.set("fsmap", Json.obj().put("epoch", 1).set("by_rank", Json.arr()));
        out.set(
                "servicemap",
                Json.obj()
                        .put("epoch", 1)
                        .put("modified", "2026-01-01T00:00:00.000000+0000")
                        .set("services", Json.obj()));
        out.set("progress_events", Json.obj());
        return out;
    }

    private static ObjectNode check(String severity, String message) {
        return Json.obj()
                .put("severity", severity)
                .<ObjectNode>set("summary", Json.obj().put("message", message).put("count", 1))
                .put("muted", false);
    }

    private JsonNode flags() {
        ArrayNode out = Json.arr();
        FLAGS.forEach((name, desc) -> out.add(Json.obj()
                .put("name", name)
                .put("description", desc)
                .put("value", Json.bit(ceph().flags.contains(name)))));
        return out;
    }

    private JsonNode setFlags(Call c) {
        Map<String, Boolean> changes = new LinkedHashMap<>();
        FLAGS.keySet().forEach(f -> c.opt(f).ifPresent(v -> changes.put(f, "1".equals(v))));
        if (changes.isEmpty()) {
            throw PveError.die("no flag specified");
        }
        Task task = ctx.tasks()
                .start(ctx.localNode(), "cephsetflags", "", c.principal().upidUser(), t -> {
                    changes.forEach(this::setFlag);
                    return "OK";
                });
        return new TextNode(task.upid);
    }

    private void setFlag(String flag, boolean value) {
        if (!FLAGS.containsKey(flag)) {
            throw PveError.param(
                    "flag",
                    "value '" + flag + "' does not have a value in the enumeration '"
                            + String.join(", ", FLAGS.keySet()) + "'");
        }
        if (value ? ceph().flags.add(flag) : ceph().flags.remove(flag)) {
            ceph().osdmapEpoch++;
        }
    }

    private CephState.Pool pool(Call c) {
        CephState.Pool p = ceph().pools.get(c.param("name"));
        if (p == null) {
            throw PveError.die("pool '" + c.param("name") + "' does not exist");
        }
        return p;
    }

    private JsonNode pools() {
        ArrayNode out = Json.arr();
        long capacity = ceph().osds.values().stream()
                .filter(o -> o.in)
                .mapToLong(o -> o.totalBytes)
                .sum();
        for (CephState.Pool p : ceph().pools.values()) {
            ObjectNode row = Json.obj()
                    .put("pool", Integer.toString(p.id))
                    .put("pool_name", p.name)
                    .put("size", p.size)
                    .put("min_size", p.minSize)
                    .put("pg_num", p.pgNum)
                    .put("pg_num_final", p.pgNum)
                    .put("crush_rule", "0")
                    .put("crush_rule_name", p.crushRule)
                    .put("type", "replicated")
                    .put("pg_autoscale_mode", p.autoscaleMode)
                    .put("bytes_used", storedBytes(p) * p.size)
                    .put("percent_used", capacity == 0 ? 0 : (double) storedBytes(p) * p.size / capacity);
            row.set("pg_num_min", p.pgNumMin == null ? null : IntNode.valueOf(p.pgNumMin));
            row.set(
                    "target_size",
                    p.targetSize == null ? null : Json.MAPPER.getNodeFactory().numberNode(p.targetSize));
            row.set(
                    "target_size_ratio",
                    p.targetSizeRatio == null
                            ? null
                            : Json.MAPPER.getNodeFactory().numberNode(p.targetSizeRatio));
            row.set("application_metadata", Json.obj().set(p.application, Json.obj()));
            row.set(
                    "autoscale_status",
                    Json.obj()
                            .put("pool_name", p.name)
                            .put("pool_id", p.id)
                            .put("pg_autoscale_mode", p.autoscaleMode)
                            .put("pg_num_target", p.pgNum)
                            .put("pg_num_final", p.pgNum)
                            .put("bulk", false)
                            .put("would_adjust", false)
                            .put("raw_used_rate", (double) p.size)
                            .put("logical_used", storedBytes(p))
                            .put("subtree_capacity", capacity));
            out.add(row);
        }
        return out;
    }

    private JsonNode poolStatus(CephState.Pool p) {
        ObjectNode out = Json.obj()
                .put("id", p.id)
                .put("name", p.name)
                .put("size", p.size)
                .put("min_size", p.minSize)
                .put("pg_num", p.pgNum)
                .put("pgp_num", p.pgNum)
                .put("crush_rule", p.crushRule)
                .put("pg_autoscale_mode", p.autoscaleMode)
                .put("hashpspool", "1")
                .put("nodelete", "0")
                .put("nopgchange", "0")
                .put("nosizechange", "0")
                .put("noscrub", "0")
                .put("nodeep-scrub", "0")
                .put("fast_read", "0")
                .put("use_gmt_hitset", "1")
                .put("write_fadvise_dontneed", "0");
        out.set("pg_num_min", p.pgNumMin == null ? null : IntNode.valueOf(p.pgNumMin));
        out.set(
                "target_size",
                p.targetSize == null ? null : Json.MAPPER.getNodeFactory().numberNode(p.targetSize));
        out.set(
                "target_size_ratio",
                p.targetSizeRatio == null ? null : Json.MAPPER.getNodeFactory().numberNode(p.targetSizeRatio));
        out.set("application_list", Json.arr().add(p.application));
        long stored = storedBytes(p);
        out.set(
                "statistics",
                Json.obj()
                        .put("bytes_used", stored * p.size)
                        .put("stored", stored)
                        .put("objects", stored / (4L << 20))
                        .put("percent_used", 0.0));
        return out;
    }

    private JsonNode createPool(Call c) {
        String name = c.param("name");
        if (ceph().pools.containsKey(name)) {
            throw PveError.die("pool '" + name + "' already exists");
        }
        boolean addStorages = c.flag("add_storages");
        Task task = ctx.tasks()
                .start(c.node(), "cephcreatepool", name, c.principal().upidUser(), t -> {
                    if (ceph().pools.containsKey(name)) {
                        throw PveError.die("pool '" + name + "' already exists");
                    }
                    CephState.Pool p = new CephState.Pool(ceph().nextPoolId++, name);
                    applyPoolSettings(c, p);
                    ceph().pools.put(name, p);
                    ceph().osdmapEpoch++;
                    if (addStorages && !ctx.model().storages.containsKey(name)) {
                        StorageDef s = new StorageDef(name, "rbd", 4L << 40);
                        s.options.put("pool", name);
                        s.options.put("content", "images,rootdir");
                        s.options.put("krbd", "0");
                        ctx.model().storages.put(name, s);
                    }
                    return "OK";
                });
        return new TextNode(task.upid);
    }

    private static void applyPoolSettings(Call c, CephState.Pool p) {
        c.opt("size").ifPresent(v -> p.size = Integer.parseInt(v));
        c.opt("min_size").ifPresent(v -> p.minSize = Integer.parseInt(v));
        c.opt("pg_num").ifPresent(v -> p.pgNum = Integer.parseInt(v));
        c.opt("pg_num_min").ifPresent(v -> p.pgNumMin = Integer.valueOf(v));
        c.opt("pg_autoscale_mode").ifPresent(v -> p.autoscaleMode = v);
        c.opt("crush_rule").ifPresent(v -> p.crushRule = v);
        c.opt("application").ifPresent(v -> p.application = v);
        c.opt("target_size").ifPresent(v -> p.targetSize = Disks.parseSize(v));
        c.opt("target_size_ratio").ifPresent(v -> p.targetSizeRatio = Double.valueOf(v));
    }

    private JsonNode updatePool(Call c) {
        CephState.Pool p = pool(c);
        if (c.opt("min_size").isPresent()
                && Integer.parseInt(c.param("min_size"))
                        > c.opt("size").map(Integer::parseInt).orElse(p.size)) {
            throw PveError.die("min_size must not be larger than size");
        }
        Task task = ctx.tasks()
                .start(c.node(), "cephsetpool", p.name, c.principal().upidUser(), t -> {
                    applyPoolSettings(c, p);
                    ceph().osdmapEpoch++;
                    return "OK";
                });
        return new TextNode(task.upid);
    }

    /**
     * As {@code pveceph pool destroy}: without {@code force}, refuses while a storage on the pool
     * still holds guest images; {@code remove_storages} also drops the storage definitions.
     */
    private JsonNode deletePool(Call c) {
        CephState.Pool p = pool(c);
        boolean force = c.flag("force");
        boolean removeStorages = c.flag("remove_storages");
        List<String> storages = storagesOn(p);
        Task task = ctx.tasks()
                .start(c.node(), "cephdestroypool", p.name, c.principal().upidUser(), t -> {
                    for (String storage : storages) {
                        t.log.add("checking storage '" + storage + "' for RBD images..");
                        boolean inUse = ctx.model().volumes.values().stream().anyMatch(v -> v.storage.equals(storage));
                        if (inUse && !force) {
                            throw PveError.die("ceph pool '" + p.name + "' still in use by storage '" + storage + "'");
                        }
                    }
                    ceph().pools.remove(p.name);
                    if (removeStorages) {
                        storages.forEach(ctx.model().storages::remove);
                    }
                    ceph().osdmapEpoch++;
                    return "OK";
                });
        return new TextNode(task.upid);
    }

    private List<String> storagesOn(CephState.Pool p) {
        List<String> out = new ArrayList<>();
        ctx.model().storages.values().stream()
                .filter(s -> s.type.equals("rbd") && p.name.equals(s.options.get("pool")))
                .forEach(s -> out.add(s.id));
        return out;
    }

    /** Stored bytes: what the pool was seeded with plus the guest images on storages backed by it. */
    private long storedBytes(CephState.Pool p) {
        List<String> storages = storagesOn(p);
        return p.bytesUsed
                + ctx.model().volumes.values().stream()
                        .filter(v -> storages.contains(v.storage))
                        .mapToLong(v -> v.size)
                        .sum();
    }

    private JsonNode osdTree() {
        ArrayNode hosts = Json.arr();
        int hostId = -3;
        for (Node n : ctx.model().nodes.values()) {
            ArrayNode osds = Json.arr();
            for (CephState.Osd o : ceph().osds.values()) {
                if (!o.host.equals(n.name)) {
                    continue;
                }
                boolean up = osdUp(o);
                ObjectNode row = Json.obj()
                        .put("id", Integer.toString(o.id))
                        .put("name", "osd." + o.id)
                        .put("type", "osd")
                        .put("host", o.host)
                        .put("leaf", 1)
                        .put("status", up ? "up" : "down")
                        .put("in", Json.bit(o.in))
                        .put("device_class", o.deviceClass)
                        .put("crush_weight", o.totalBytes / (double) (1L << 40))
                        .put("reweight", o.in ? 1 : 0)
                        .put("total_space", o.totalBytes)
                        .put("bytes_used", o.usedBytes)
                        .put("percent_used", 100.0 * o.usedBytes / o.totalBytes)
                        .put("pgs", 0)
                        .put("osdtype", "bluestore")
                        .put("blfsdev", "/dev/nvme" + (o.id % 2) + "n1")
                        .put("ceph_version_short", "18.2.7")
                        .put(
                                "ceph_version",
                                "ceph version 18.2.7 (4cac8341a72477c60a6f153f3ed344b49870c932) reef (stable)")
                        .put("apply_latency_ms", 0)
                        .put("commit_latency_ms", 0);
                row.set("dbdev", null);
                row.set("waldev", null);
                osds.add(row);
            }
            if (osds.isEmpty()) {
                continue;
            }
            hosts.add(Json.obj()
                    .put("id", Integer.toString(hostId))
                    .put("name", n.name)
                    .put("type", "host")
                    .put("leaf", 0)
                    .put("version", "18.2.7")
                    .put("pgs", 0)
                    .put("reweight", -1)
                    .set("children", osds));
            hostId -= 2;
        }
        ObjectNode root = Json.obj()
                .put("id", "-1")
                .put("name", "default")
                .put("type", "root")
                .put("leaf", 0)
                .put("pgs", 0)
                .put("reweight", -1);
        root.set("children", hosts);
        String flags = BASE_FLAGS + (ceph().flags.isEmpty() ? "" : "," + String.join(",", ceph().flags));
        return Json.obj()
                .put("flags", flags)
                .set(
                        "root",
                        Json.obj().put("leaf", 0).set("children", Json.arr().add(root)));
    }

    private JsonNode setIn(Call c, boolean in) {
        int id = Integer.parseInt(c.param("osdid"));
        CephState.Osd osd = ceph().osds.get(id);
        if (osd == null) {
            throw PveError.die("osd '" + id + "' does not exist");
        }
        osd.in = in;
        ceph().osdmapEpoch++;
        return null;
    }

    private static Map<String, String> flagDescriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("nobackfill", "Backfilling of PGs is suspended.");
        m.put("nodeep-scrub", "Deep Scrubbing is disabled.");
        m.put("nodown", "OSD failure reports are being ignored, such that the monitors will not mark OSDs down.");
        m.put("noin", "OSDs that were previously marked out will not be marked back in when they start.");
        m.put("noout", "OSDs will not automatically be marked out after the configured interval.");
        m.put("norebalance", "Rebalancing of PGs is suspended.");
        m.put("norecover", "Recovery of PGs is suspended.");
        m.put("noscrub", "Scrubbing is disabled.");
        m.put("notieragent", "Cache tiering activity is suspended.");
        m.put("noup", "OSDs are not allowed to start.");
        m.put("pause", "Pauses read and writes.");
        return m;
    }
}
