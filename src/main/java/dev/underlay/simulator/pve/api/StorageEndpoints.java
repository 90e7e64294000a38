package dev.underlay.simulator.pve.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.underlay.simulator.pve.PveError;
import dev.underlay.simulator.pve.model.StorageDef;
import dev.underlay.simulator.pve.model.Volume;
import dev.underlay.simulator.pve.task.Task;

import java.util.Set;

/** {@code /storage} (cluster config) and {@code /nodes/{node}/storage/...} (status, content, upload). */
final class StorageEndpoints {

    private static final Set<String> NOT_OPTIONS = Set.of("storage", "type", "delete", "digest");

    private final SimContext ctx;

    StorageEndpoints(SimContext ctx) {
        this.ctx = ctx;
    }

    void register(Routes r) {
        r.get("/storage", this::listDefs);
        r.post("/storage", this::createDef);
        r.get("/storage/{storage}", c -> defRow(def(c)));
        r.put("/storage/{storage}", this::updateDef);
        r.delete("/storage/{storage}", c -> {
            ctx.model().storages.remove(def(c).id);
            return null;
        });
        String base = "/nodes/{node}/storage/{storage}";
        r.get("/nodes/{node}/storage", this::nodeList);
        r.get(base + "/status", c -> nodeStorageRow(def(c), c.node()));
        r.get(base + "/content", this::content);
        r.delete(base + "/content/{volume}", this::deleteContent);
        r.post(base + "/upload", this::upload);
        r.post(base + "/download-url", this::downloadUrl);
        r.get(base + "/prunebackups", this::pruneDryRun);
        r.delete(base + "/prunebackups", this::prune);
    }

    private StorageDef def(Call c) {
        StorageDef s = ctx.model().storages.get(c.param("storage"));
        if (s == null) {
            throw PveError.die("storage '" + c.param("storage") + "' does not exist");
        }
        return s;
    }

    private JsonNode listDefs(Call c) {
        ArrayNode out = Json.arr();
        String type = c.opt("type").orElse(null);
        ctx.model().storages.values().stream()
                .filter(s -> type == null || type.equals(s.type))
                .forEach(s -> out.add(defRow(s)));
        return out;
    }

    private ObjectNode defRow(StorageDef s) {
        ObjectNode row = Json.obj().put("storage", s.id).put("type", s.type);
        JsonNode props = ctx.schema()
                .endpoint("/storage", "POST")
                .map(e -> e.parameters())
                .orElse(Json.obj());
        s.options.forEach((k, v) -> VmService.putTyped(row, props, k, v));
        if (s.shared() && !row.has("shared")) {
            row.put("shared", 1);
        }
        row.put("digest", digest());
        return row;
    }

    private JsonNode createDef(Call c) {
        String id = c.param("storage");
        if (ctx.model().storages.containsKey(id)) {
            throw PveError.die("create storage failed: storage ID '" + id + "' already defined");
        }
        String type = c.param("type");
        if (type.equals("rbd")
                && c.opt("pool").isPresent()
                && !ctx.model().ceph.pools.containsKey(c.param("pool"))) {
            throw PveError.die("create storage failed: pool '" + c.param("pool") + "' does not exist");
        }
        StorageDef s = new StorageDef(id, type, type.equals("rbd") ? 4L << 40 : 1L << 40);
        c.params().forEach((k, v) -> {
            if (!NOT_OPTIONS.contains(k)) {
                s.options.put(k, v);
            }
        });
        s.options.putIfAbsent(
                "content", type.equals("rbd") || type.equals("zfspool") ? "images,rootdir" : "iso,vztmpl,backup");
        ctx.model().storages.put(id, s);
        return Json.obj().put("storage", id).put("type", type);
    }

    /** Over the whole of storage.cfg: every entry's id, type and options. */
    private String digest() {
        StringBuilder file = new StringBuilder();
        ctx.model()
                .storages
                .values()
                .forEach(s -> file.append(s.type)
                        .append(": ")
                        .append(s.id)
                        .append('\n')
                        .append(s.options)
                        .append('\n'));
        return ConfigDigest.of(file);
    }

    private JsonNode updateDef(Call c) {
        StorageDef s = def(c);
        ConfigDigest.check(c, digest());
        c.params().forEach((k, v) -> {
            if (!NOT_OPTIONS.contains(k)) {
                s.options.put(k, v);
            }
        });
        for (String key : c.list("delete")) {
            s.options.remove(key);
        }
        return Json.obj().put("storage", s.id).put("type", s.type);
    }

    private JsonNode nodeList(Call c) {
        ctx.node(c.node());
        ArrayNode out = Json.arr();
        String content = c.opt("content").orElse(null);
        for (StorageDef s : ctx.model().storages.values()) {
            if (!s.enabledOn(c.node()) || (content != null && !s.allows(content))) {
                continue;
            }
            if (c.opt("storage").isPresent() && !c.param("storage").equals(s.id)) {
                continue;
            }
            out.add(nodeStorageRow(s, c.node()));
        }
        return out;
    }

    private ObjectNode nodeStorageRow(StorageDef s, String node) {
        long used = ctx.model().usedBytes(s.id, node);
        return Json.obj()
                .put("storage", s.id)
                .put("type", s.type)
                .put("content", s.options.getOrDefault("content", ""))
                .put("active", 1)
                .put("enabled", 1)
                .put("shared", Json.bit(s.shared()))
                .put("total", s.capacity)
                .put("used", used)
                .put("avail", s.capacity - used)
                .put("used_fraction", s.capacity == 0 ? 0 : (double) used / s.capacity);
    }

    private JsonNode content(Call c) {
        StorageDef s = def(c);
        ctx.node(c.node());
        String content = c.opt("content").orElse(null);
        Integer vmid = c.opt("vmid").map(Integer::valueOf).orElse(null);
        ArrayNode out = Json.arr();
        for (Volume v : ctx.model().volumesIn(s.id, c.node())) {
            if ((content == null || content.equals(v.content)) && (vmid == null || vmid.equals(v.vmid))) {
                out.add(Rows.contentRow(v));
            }
        }
        return out;
    }

    private JsonNode deleteContent(Call c) {
        StorageDef s = def(c);
        String volume = c.param("volume");
        String volid = volume.contains(":") ? volume : s.id + ":" + volume;
        Volume v = ctx.model()
                .volume(c.node(), volid)
                .orElseThrow(() -> PveError.die("volume '" + volid + "' does not exist"));
        if (v.isProtected) {
            throw PveError.die("backup '" + volid + "' is protected");
        }
        if ("images".equals(v.content) && v.vmid != null && ctx.model().vms.containsKey(v.vmid)) {
            throw PveError.die("unable to delete '" + volid + "' - volume is still in use (guest " + v.vmid + ")");
        }
        Task task = ctx.tasks().start(c.node(), "imgdel", "", c.principal().upidUser(), t -> {
            ctx.model().removeVolume(v);
            t.log.add("Removed volume '" + volid + "'");
            return "OK";
        });
        return new TextNode(task.upid);
    }

    private JsonNode upload(Call c) {
        StorageDef s = def(c);
        String content = c.param("content");
        if (!s.allows(content)) {
            throw PveError.die("storage '" + s.id + "' does not support '" + content + "' content");
        }
        String filename = c.param("filename");
        long size = c.request().upload().map(u -> u.size()).orElse(0L);
        byte[] bytes = c.request().upload().map(u -> u.content()).orElse(null);
        if (content.equals("iso") && !filename.matches("(?i).+\\.(iso|img)")) {
            throw PveError.param("filename", "wrong file extension");
        }
        String volid = s.id + ":" + content + "/" + filename;
        Task task = ctx.tasks().start(c.node(), "imgcopy", "", c.principal().upidUser(), t -> {
            Volume uploaded = new Volume(
                    volid,
                    s.id,
                    s.shared() ? null : c.node(),
                    content,
                    null,
                    size,
                    ctx.now(),
                    filename.substring(filename.lastIndexOf('.') + 1).toLowerCase());
            uploaded.uploaded = bytes;
            ctx.model().addVolume(uploaded);
            t.log.add("target file: /var/lib/vz/template/" + content + "/" + filename);
            t.log.add("file size is: " + size);
            return "OK";
        });
        return new TextNode(task.upid);
    }

    private JsonNode downloadUrl(Call c) {
        StorageDef s = def(c);
        String content = c.param("content");
        if (!s.allows(content)) {
            throw PveError.die("storage '" + s.id + "' does not support '" + content + "' content");
        }
        String filename = c.param("filename");
        String url = c.param("url");
        String volid = s.id + ":" + content + "/" + filename;
        Task task = ctx.tasks()
                .start(c.node(), "download", filename, c.principal().upidUser(), t -> {
                    Volume v = new Volume(
                            volid,
                            s.id,
                            s.shared() ? null : c.node(),
                            content,
                            null,
                            0,
                            ctx.now(),
                            filename.substring(filename.lastIndexOf('.') + 1).toLowerCase());
                    v.sourceUrl = url;
                    ctx.model().addVolume(v);
                    t.log.add("downloading " + url + " to " + volid + " (simulated: nothing is fetched)");
                    return "OK";
                });
        return new TextNode(task.upid);
    }

    /** Backups on the storage grouped per guest, each group with the volumes retention would remove. */
    private java.util.Map<Integer, java.util.List<Volume>> pruneMarks(
            Call c, StorageDef s, java.util.Set<Volume> removed) {
        String spec = c.opt("prune-backups").orElse(s.options.get("prune-backups"));
        java.util.Map<Integer, java.util.List<Volume>> byGuest = new java.util.TreeMap<>();
        Integer vmid = c.opt("vmid").map(Integer::valueOf).orElse(null);
        for (Volume v : ctx.model().volumesIn(s.id, c.node())) {
            if ("backup".equals(v.content) && v.vmid != null && (vmid == null || vmid.equals(v.vmid))) {
                byGuest.computeIfAbsent(v.vmid, k -> new java.util.ArrayList<>())
                        .add(v);
            }
        }
        byGuest.values().forEach(list -> removed.addAll(Prune.toRemove(list, Prune.parse(spec))));
        return byGuest;
    }

    private JsonNode pruneDryRun(Call c) {
        StorageDef s = def(c);
        java.util.Set<Volume> removed = new java.util.HashSet<>();
        ArrayNode out = Json.arr();
        pruneMarks(c, s, removed)
                .values()
                .forEach(list -> list.forEach(v -> out.add(Json.obj()
                        .put("volid", v.volid)
                        .put("type", "qemu")
                        .put("vmid", v.vmid)
                        .put("ctime", v.ctime)
                        .put("mark", v.isProtected ? "protected" : removed.contains(v) ? "remove" : "keep"))));
        return out;
    }

    private JsonNode prune(Call c) {
        StorageDef s = def(c);
        java.util.Set<Volume> removed = new java.util.HashSet<>();
        pruneMarks(c, s, removed);
        Task task = ctx.tasks()
                .start(c.node(), "prunebackups", "", c.principal().upidUser(), t -> {
                    for (Volume v : removed) {
                        t.log.add("removing backup '" + v.volid + "'");
                        ctx.model().removeVolume(v);
                    }
                    return "OK";
                });
        return new TextNode(task.upid);
    }
}
