package dev.underlay.simulator.pve.api;

import dev.underlay.simulator.pve.PveError;
import dev.underlay.simulator.pve.model.BackupJob;
import dev.underlay.simulator.pve.model.StorageDef;
import dev.underlay.simulator.pve.model.Vm;
import dev.underlay.simulator.pve.model.VmConfig;
import dev.underlay.simulator.pve.model.Volume;
import dev.underlay.simulator.pve.task.Task;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** vzdump runs, retention, restore, and keeping backup jobs in step with guests. */
public final class BackupService {

    private static final DateTimeFormatter ARCHIVE_TIME =
            DateTimeFormatter.ofPattern("yyyy_MM_dd-HH_mm_ss").withZone(ZoneOffset.UTC);

    private final SimContext ctx;
    private final VmService vms;

    BackupService(SimContext ctx, VmService vms) {
        this.ctx = ctx;
        this.vms = vms;
    }

    /** What a vzdump run should do, from request parameters or a job's options. */
    record Plan(
            List<Integer> vmids,
            String storage,
            String mode,
            String compress,
            boolean remove,
            String pruneBackups,
            String notesTemplate,
            String jobId) {}

    Plan planFrom(Map<String, String> options, String jobId) {
        List<Integer> vmids = new ArrayList<>();
        if ("1".equals(options.get("all"))) {
            List<String> excluded = Call.csv(options.getOrDefault("exclude", ""));
            ctx.model().vms.keySet().stream()
                    .filter(id -> !excluded.contains(Integer.toString(id)))
                    .forEach(vmids::add);
        } else {
            for (String id : Call.csv(options.getOrDefault("vmid", ""))) {
                vmids.add(Integer.parseInt(id));
            }
        }
        String storage = options.getOrDefault("storage", "local");
        return new Plan(
                vmids,
                storage,
                options.getOrDefault("mode", "snapshot"),
                options.getOrDefault("compress", "zstd"),
                !"0".equals(options.get("remove")),
                options.get("prune-backups"),
                options.get("notes-template"),
                jobId);
    }

    /** Starts a vzdump task on {@code node}; guests on other nodes are skipped as PVE does for a node-bound run. */
    Task vzdump(String node, Plan plan, String user) {
        StorageDef storage = ctx.model().storages.get(plan.storage());
        if (storage == null) {
            throw PveError.die("storage '" + plan.storage() + "' does not exist");
        }
        if (!storage.allows("backup")) {
            throw PveError.die("storage '" + plan.storage() + "' does not support backups");
        }
        List<Vm> guests = new ArrayList<>();
        for (int vmid : plan.vmids()) {
            Vm vm = ctx.model().vms.get(vmid);
            if (vm != null && vm.node.equals(node)) {
                guests.add(vm);
            }
        }
        Map<Integer, String> lockedBefore = new LinkedHashMap<>();
        for (Vm vm : guests) {
            if (vm.lock == null) {
                vm.lock = "backup";
            } else {
                lockedBefore.put(vm.vmid, vm.lock);
            }
        }
        String id = plan.vmids().size() == 1 ? Integer.toString(plan.vmids().get(0)) : "";
        Task task = ctx.tasks().start(node, "vzdump", id, user, t -> {
            t.log.add(header(guests, plan));
            int errors = 0;
            for (Vm vm : guests) {
                if (lockedBefore.containsKey(vm.vmid)) {
                    t.log.add("ERROR: Backup of VM " + vm.vmid + " failed - VM is locked (" + lockedBefore.get(vm.vmid)
                            + ")");
                    errors++;
                    continue;
                }
                t.log.add("INFO: Starting Backup of VM " + vm.vmid + " (qemu)");
                Volume archive = archive(vm, storage, node, t, plan.compress());
                t.log.add("INFO: creating vzdump archive '" + archive.volid + "'");
                t.log.add("INFO: Finished Backup of VM " + vm.vmid);
                if (plan.remove()) {
                    prune(vm.vmid, storage, node, plan.pruneBackups(), t);
                }
            }
            if (errors > 0) {
                throw PveError.die("job errors");
            }
            return "OK";
        });
        task.onFinish(() -> guests.forEach(vm -> {
            if ("backup".equals(vm.lock) && !lockedBefore.containsKey(vm.vmid)) {
                vm.lock = null;
            }
        }));
        return task;
    }

    /** PVE's first line of a vzdump log: the guests and the options, the job's id among them for a scheduled run. */
    private static String header(List<Vm> guests, Plan plan) {
        StringBuilder line = new StringBuilder("INFO: starting new backup job: vzdump");
        guests.forEach(vm -> line.append(' ').append(vm.vmid));
        line.append(" --mode ").append(plan.mode()).append(" --compress ").append(plan.compress());
        line.append(" --storage ").append(plan.storage());
        if (plan.pruneBackups() != null) {
            line.append(" --prune-backups '").append(plan.pruneBackups()).append('\'');
        }
        if (plan.jobId() != null) {
            line.append(" --job-id ").append(plan.jobId());
        }
        return line.toString();
    }

    private Volume archive(Vm vm, StorageDef storage, String node, Task t, String compress) {
        String suffix = switch (compress) {
            case "gzip" -> ".vma.gz";
            case "lzo" -> ".vma.lzo";
            case "0" -> ".vma";
            default -> ".vma.zst";
        };
        String name = "vzdump-qemu-" + vm.vmid + "-" + ARCHIVE_TIME.format(t.startTime) + suffix;
        long size = Math.max(
                1L << 20,
                vms.referencedVolumes(vm).stream().mapToLong(v -> v.size).sum() / 8);
        Volume archive = new Volume(
                storage.id + ":backup/" + name,
                storage.id,
                storage.shared() ? null : node,
                "backup",
                vm.vmid,
                size,
                ctx.now(),
                suffix.substring(1));
        archive.notes = vm.name();
        archive.corrupt = ctx.model().corruptBackupsOf.contains(vm.vmid);
        archive.backupConfig = new VmConfig();
        archive.backupConfig.replaceAll(vm.config.asMap());
        ctx.model().addVolume(archive);
        return archive;
    }

    void prune(int vmid, StorageDef storage, String node, String jobSpec, Task t) {
        String spec = jobSpec != null ? jobSpec : storage.options.get("prune-backups");
        Map<String, Integer> rules = Prune.parse(spec);
        List<Volume> backups = new ArrayList<>();
        for (Volume v : ctx.model().volumesIn(storage.id, node)) {
            if ("backup".equals(v.content) && v.vmid != null && v.vmid == vmid) {
                backups.add(v);
            }
        }
        for (Volume v : Prune.toRemove(backups, rules)) {
            t.log.add("INFO: prune older backups with retention: " + spec + " - removing '" + v.volid + "'");
            ctx.model().removeVolume(v);
        }
    }

    /**
     * {@code POST /nodes/{node}/qemu} with {@code archive=}: qmrestore. Options other than the restore's own override
     * the archive's config, as PVE does since 7.2 (disk options excepted, which PVE refuses with an archive).
     */
    String restore(Call c, Map<String, String> overrides) {
        int vmid = c.vmid();
        String node = c.node();
        String archiveId = c.param("archive");
        Volume archive = ctx.model()
                .volume(node, archiveId)
                .orElseThrow(() -> PveError.die("volume '" + archiveId + "' does not exist"));
        if (archive.backupConfig == null) {
            throw PveError.die("unable to restore '" + archiveId + "': not a qemu backup archive");
        }
        Vm existing = ctx.model().vms.get(vmid);
        if (existing != null) {
            if (!c.flag("force")) {
                throw PveError.die("unable to restore VM " + vmid + " - VM " + vmid + " already exists on node '"
                        + existing.node + "'");
            }
            if (!existing.node.equals(node)) {
                throw PveError.die("unable to restore VM " + vmid + " - VM " + vmid + " already exists on node '"
                        + existing.node + "'");
            }
            ctx.checkLock(existing, false);
            if (existing.running) {
                throw PveError.die("unable to restore VM " + vmid + " - VM is running");
            }
        }
        boolean unique = c.flag("unique");
        Optional<String> storage = c.opt("storage");
        if (storage.isPresent() && !ctx.model().storages.containsKey(storage.get())) {
            throw PveError.die("storage '" + storage.get() + "' does not exist");
        }
        Vm vm = existing != null ? existing : new Vm(vmid, node);
        vm.lock = "create";
        ctx.model().vms.put(vmid, vm);
        boolean start = c.flag("start");
        Task task = ctx.tasks()
                .start(node, "qmrestore", Integer.toString(vmid), c.principal().upidUser(), t -> {
                    t.log.add("restore vma archive: " + archiveId);
                    if (archive.corrupt) {
                        throw PveError.die("unable to restore '" + archiveId + "': vma archive is corrupt "
                                + "(checksum mismatch)");
                    }
                    if (existing != null) {
                        vms.destroyVolumes(existing, true);
                        existing.config.replaceAll(Map.of());
                        existing.pending.clear();
                        existing.pendingDelete.clear();
                    }
                    Map<String, String> conf = new LinkedHashMap<>();
                    for (Map.Entry<String, String> e :
                            archive.backupConfig.asMap().entrySet()) {
                        conf.put(
                                e.getKey(),
                                restoredValue(
                                        e.getKey(),
                                        e.getValue(),
                                        storage,
                                        unique,
                                        archive.node == null ? node : archive.node));
                    }
                    String smbios = conf.remove("smbios1");
                    String vmgenid = conf.remove("vmgenid");
                    conf.remove("meta");
                    vm.lock = null;
                    overrides.forEach((key, value) -> {
                        if (!Disks.isResizable(key)) {
                            conf.put(key, value);
                        }
                    });
                    vms.initialiseNewConfig(vm, conf);
                    if (!unique && smbios != null) {
                        vm.config.put("smbios1", smbios);
                    }
                    if (!unique && vmgenid != null) {
                        vm.config.put("vmgenid", vmgenid);
                    }
                    if (start) {
                        vms.start(vm);
                    }
                    return "OK";
                });
        task.onFinish(() -> {
            if ("create".equals(vm.lock)) {
                vm.lock = null;
            }
        });
        return task.upid;
    }

    private String restoredValue(
            String key, String value, Optional<String> storage, boolean unique, String archiveNode) {
        if (Disks.NET_KEY.matcher(key).matches()) {
            return unique ? value.replaceFirst("^([a-z0-9_-]+)=[0-9A-Fa-f:]{17}", "$1") : value;
        }
        if (!Disks.isResizable(key)) {
            return value;
        }
        Map<String, String> drive = Disks.parse(value);
        String file = drive.getOrDefault("file", "none");
        if (Disks.isCdrom(drive) || !file.contains(":")) {
            return value;
        }
        long bytes = Disks.parseSize(drive.getOrDefault("size", "1G"));
        String target = storage.orElse(file.substring(0, file.indexOf(':')));
        if (!ctx.model().storages.containsKey(target)) {
            throw PveError.die("storage '" + target + "' does not exist");
        }
        drive.put("file", target + ":" + (bytes / (double) (1L << 30)));
        drive.remove("size");
        return Disks.print(drive);
    }

    /** {@code purge=1} on destroy: drop the guest from every backup job; empty jobs go away. */
    void purgeFromJobs(int vmid) {
        List<String> emptied = new ArrayList<>();
        for (BackupJob job : ctx.model().backupJobs.values()) {
            String ids = job.options.get("vmid");
            if (ids == null) {
                continue;
            }
            List<String> list = new ArrayList<>(Call.csv(ids));
            if (list.remove(Integer.toString(vmid))) {
                if (list.isEmpty()) {
                    emptied.add(job.id);
                } else {
                    job.options.put("vmid", String.join(",", list));
                }
            }
        }
        emptied.forEach(ctx.model().backupJobs::remove);
    }

    /** Runs a job now on every node that hosts one of its guests; returns the tasks. */
    public List<Task> runJob(BackupJob job) {
        Plan plan = planFrom(job.options, job.id);
        List<Task> tasks = new ArrayList<>();
        ctx.model().nodes.values().stream().filter(n -> n.online).forEach(n -> {
            boolean hosts = plan.vmids().stream().anyMatch(id -> {
                Vm vm = ctx.model().vms.get(id);
                return vm != null && vm.node.equals(n.name);
            });
            if (hosts) {
                tasks.add(vzdump(n.name, plan, "root@pam"));
            }
        });
        return tasks;
    }
}
