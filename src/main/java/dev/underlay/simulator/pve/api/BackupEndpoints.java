package dev.underlay.simulator.pve.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.underlay.simulator.pve.PveError;
import dev.underlay.simulator.pve.model.BackupJob;
import dev.underlay.simulator.pve.model.Vm;

import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/** {@code /cluster/backup}, {@code /cluster/backup-info}, {@code /nodes/{node}/vzdump}. */
final class BackupEndpoints {

    private static final Set<String> NOT_OPTIONS = Set.of("id", "delete", "digest");

    private final SimContext ctx;
    private final BackupService backups;

    BackupEndpoints(SimContext ctx, BackupService backups) {
        this.ctx = ctx;
        this.backups = backups;
    }

    void register(Routes r) {
        r.get("/cluster/backup", c -> listJobs());
        r.post("/cluster/backup", this::createJob);
        r.get("/cluster/backup/{id}", c -> jobRow(job(c)));
        r.put("/cluster/backup/{id}", this::updateJob);
        r.delete("/cluster/backup/{id}", c -> {
            ctx.model().backupJobs.remove(job(c).id);
            return null;
        });
        r.get("/cluster/backup/{id}/included_volumes", c -> includedVolumes(job(c)));
        r.get("/cluster/backup-info/not-backed-up", c -> notBackedUp());
        r.post("/nodes/{node}/vzdump", this::vzdump);
    }

    private BackupJob job(Call c) {
        BackupJob job = ctx.model().backupJobs.get(c.param("id"));
        if (job == null) {
            throw PveError.die("Job '" + c.param("id") + "' does not exist");
        }
        return job;
    }

    private JsonNode listJobs() {
        ArrayNode out = Json.arr();
        ctx.model().backupJobs.values().forEach(j -> out.add(jobRow(j)));
        return out;
    }

    private ObjectNode jobRow(BackupJob job) {
        ObjectNode row = Json.obj().put("id", job.id).put("type", "vzdump");
        JsonNode props = ctx.schema()
                .endpoint("/cluster/backup", "POST")
                .map(e -> e.parameters())
                .orElse(Json.obj());
        job.options.forEach((k, v) -> VmService.putTyped(row, props, k, v));
        if (!row.has("enabled")) {
            row.put("enabled", 1);
        }
        String schedule = job.options.get("schedule");
        if (job.enabled() && schedule != null) {
            CalendarEvents.next(schedule, ctx.clock().instant())
                    .ifPresent(t -> row.put("next-run", t.getEpochSecond()));
        }
        return row;
    }

    private JsonNode createJob(Call c) {
        String id = c.opt("id").orElseGet(this::newJobId);
        if (ctx.model().backupJobs.containsKey(id)) {
            throw PveError.die("Job '" + id + "' already exists");
        }
        if (c.opt("vmid").isEmpty() && !c.flag("all") && c.opt("pool").isEmpty()) {
            throw PveError.param("vmid", "property is missing and it is not optional");
        }
        if (c.opt("storage").isPresent() && !ctx.model().storages.containsKey(c.param("storage"))) {
            throw PveError.die("storage '" + c.param("storage") + "' does not exist");
        }
        BackupJob job = new BackupJob(id);
        c.params().forEach((k, v) -> {
            if (!NOT_OPTIONS.contains(k)) {
                job.options.put(k, v);
            }
        });
        job.options.putIfAbsent("schedule", "00:00");
        ctx.model().backupJobs.put(id, job);
        return null;
    }

    private String newJobId() {
        byte[] b = new byte[6];
        ctx.random().nextBytes(b);
        String hex = HexFormat.of().formatHex(b);
        return "backup-" + hex.substring(0, 8) + "-" + hex.substring(8, 12);
    }

    private JsonNode updateJob(Call c) {
        BackupJob job = job(c);
        c.params().forEach((k, v) -> {
            if (!NOT_OPTIONS.contains(k)) {
                job.options.put(k, v);
            }
        });
        for (String key : c.list("delete")) {
            job.options.remove(key);
        }
        return null;
    }

    private JsonNode includedVolumes(BackupJob job) {
        ArrayNode guests = Json.arr();
        for (int vmid : backups.planFrom(job.options, job.id).vmids()) {
            Vm vm = ctx.model().vms.get(vmid);
            if (vm == null) {
                continue;
            }
            ArrayNode disks = Json.arr();
            for (Map.Entry<String, String> e : vm.config.asMap().entrySet()) {
                if (!Disks.isResizable(e.getKey())) {
                    continue;
                }
                Map<String, String> drive = Disks.parse(e.getValue());
                if (Disks.isCdrom(drive)) {
                    continue;
                }
                boolean included = !"0".equals(drive.get("backup"));
                disks.add(Json.obj()
                        .put("id", e.getKey())
                        .put("name", drive.getOrDefault("file", ""))
                        .put("included", Json.bit(included))
                        .put("reason", included ? "default" : "disabled"));
            }
            ObjectNode g = Json.obj().put("id", vmid).put("type", "qemu").put("name", vm.name());
            g.set("children", disks);
            guests.add(g);
        }
        ObjectNode out = Json.obj();
        out.set("children", guests);
        return out;
    }

    private JsonNode notBackedUp() {
        ArrayNode out = Json.arr();
        for (Vm vm : ctx.model().vms.values()) {
            boolean covered = ctx.model().backupJobs.values().stream()
                    .filter(BackupJob::enabled)
                    .anyMatch(j -> backups.planFrom(j.options, j.id).vmids().contains(vm.vmid));
            if (!covered && !vm.template()) {
                out.add(Json.obj().put("vmid", vm.vmid).put("type", "qemu").put("name", vm.name()));
            }
        }
        return out;
    }

    private JsonNode vzdump(Call c) {
        ctx.node(c.node());
        if (c.opt("vmid").isEmpty() && !c.flag("all") && c.opt("pool").isEmpty()) {
            throw PveError.param("vmid", "property is missing and it is not optional");
        }
        for (String id : c.list("vmid")) {
            c.require("/vms/" + id, "VM.Backup");
            Vm vm = ctx.model().vms.get(Integer.parseInt(id));
            if (vm == null) {
                throw PveError.die("Unable to find configuration file for VM " + id + " - no such machine");
            }
        }
        BackupService.Plan plan = backups.planFrom(c.params(), c.opt("job-id").orElse(null));
        c.require("/storage/" + plan.storage(), "Datastore.AllocateSpace");
        return new TextNode(backups.vzdump(c.node(), plan, c.principal().upidUser()).upid);
    }
}
