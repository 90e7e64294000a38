package dev.underlay.simulator.pve.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.underlay.simulator.pve.PveError;
import dev.underlay.simulator.pve.model.Node;
import dev.underlay.simulator.pve.task.Task;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** {@code /nodes}, {@code /nodes/{node}/status}, the (empty) container list, and the task endpoints. */
final class NodeEndpoints {

    private final SimContext ctx;

    NodeEndpoints(SimContext ctx) {
        this.ctx = ctx;
    }

    void register(Routes r) {
        r.get("/nodes", c -> nodes());
        r.get("/nodes/{node}/status", this::status);
        // no containers are simulated, but callers check for VMID collisions with them
        r.get("/nodes/{node}/lxc", c -> {
            ctx.node(c.node());
            return Json.arr();
        });
        r.get("/nodes/{node}/tasks", this::tasks);
        r.get("/nodes/{node}/tasks/{upid}/status", c -> TaskRows.status(task(c)));
        r.get("/nodes/{node}/tasks/{upid}/log", this::log);
        r.delete("/nodes/{node}/tasks/{upid}", c -> {
            ctx.tasks().abort(task(c));
            return null;
        });
    }

    private JsonNode nodes() {
        ArrayNode out = Json.arr();
        for (Node n : ctx.model().nodes.values()) {
            ObjectNode row = Rows.nodeRow(ctx, n);
            row.remove("cgroup-mode");
            row.put("ssl_fingerprint", fingerprintOf(n));
            out.add(row);
        }
        return out;
    }

    /** A stable stand-in for the node certificate's SHA-256 fingerprint. */
    private static String fingerprintOf(Node n) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("pve-ssl:" + n.name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode status(Call c) {
        Node n = ctx.node(c.node());
        long used = (long) Rows.nodeRow(ctx, n).path("mem").asLong();
        ObjectNode out = Json.obj();
        out.put(
                "uptime",
                Math.max(0, Duration.between(n.bootedAt, ctx.clock().instant()).getSeconds()));
        out.put("cpu", 0.0214).put("wait", 0.0003);
        ArrayNode load = Json.arr().add("0.15").add("0.22").add("0.19");
        out.set("loadavg", load);
        out.put(
                "kversion",
                ctx.version().atLeast9()
                        ? "Linux 6.17.2-1-pve #1 SMP PREEMPT_DYNAMIC PMX 6.17.2-1"
                        : "Linux 6.8.12-9-pve #1 SMP PREEMPT_DYNAMIC PMX 6.8.12-9");
        String version = n.pveVersion != null ? n.pveVersion : ctx.version().version();
        out.put("pveversion", "pve-manager/" + version + "/" + ctx.version().repoid());
        out.set(
                "cpuinfo",
                Json.obj()
                        .put("model", n.cpuModel)
                        .put("cpus", n.maxCpu)
                        .put("sockets", 1)
                        .put("cores", n.maxCpu / 2)
                        .put("mhz", "2400.000")
                        .put("hvm", "1")
                        .put("user_hz", 100));
        out.set("memory", Json.obj().put("total", n.maxMem).put("used", used).put("free", n.maxMem - used));
        out.set("swap", Json.obj().put("total", 0).put("used", 0).put("free", 0));
        out.set(
                "rootfs",
                Json.obj().put("total", n.maxDisk).put("used", 3L << 30).put("avail", n.maxDisk - (3L << 30)));
        out.set("boot-info", Json.obj().put("mode", "efi").put("secureboot", 0));
        out.set("current-kernel", Json.obj().put("sysname", "Linux").put("machine", "x86_64"));
        return out;
    }

    /**
     * The node's task list with PVE's filters: {@code source} (archive = finished, the default; active = running;
     * all), {@code vmid}, {@code typefilter}, {@code userfilter}, {@code errors}, {@code since}/{@code until} on the
     * start time, then {@code start}/{@code limit}. {@code statusfilter} is not simulated.
     */
    private JsonNode tasks(Call c) {
        ctx.node(c.node());
        String source = c.opt("source").orElse("archive");
        List<Task> matching = ctx.tasks().all().stream()
                .filter(t -> source.equals("all") || t.running() == source.equals("active"))
                .filter(t -> c.opt("vmid").map(t.id::equals).orElse(true))
                .filter(t -> c.opt("typefilter").map(t.type::equals).orElse(true))
                .filter(t -> c.opt("userfilter")
                        .map(u -> t.user.toLowerCase(Locale.ROOT).contains(u.toLowerCase(Locale.ROOT)))
                        .orElse(true))
                .filter(t -> !c.flag("errors") || (!t.running() && !t.succeeded()))
                .filter(t -> c.opt("since")
                        .map(v -> t.startTime.getEpochSecond() >= Long.parseLong(v))
                        .orElse(true))
                .filter(t -> c.opt("until")
                        .map(v -> t.startTime.getEpochSecond() <= Long.parseLong(v))
                        .orElse(true))
                .toList();
        JsonNode rows = TaskRows.list(matching, c.node());
        int start = c.opt("start").map(Integer::parseInt).orElse(0);
        int limit = c.opt("limit").map(Integer::parseInt).orElse(50);
        ArrayNode out = Json.arr();
        for (int i = start; i < rows.size() && out.size() < limit; i++) {
            out.add(rows.get(i));
        }
        return out;
    }

    private Task task(Call c) {
        String upid = c.param("upid");
        Task t = ctx.tasks().find(upid).orElseThrow(() -> PveError.die("no such task"));
        if (!t.node.equals(c.node())) {
            throw PveError.die("no such task");
        }
        return t;
    }

    private JsonNode log(Call c) {
        Task t = task(c);
        int start = c.opt("start").map(Integer::parseInt).orElse(0);
        int limit = c.opt("limit").map(Integer::parseInt).orElse(50);
        ArrayNode out = Json.arr();
        List<String> lines = new java.util.ArrayList<>(t.log);
        if (lines.isEmpty() && t.running()) {
            lines.add("starting " + t.type + " " + t.id);
        }
        for (int i = start; i < lines.size() && out.size() < limit; i++) {
            out.add(Json.obj().put("n", i + 1).put("t", lines.get(i)));
        }
        return out;
    }
}
