package dev.underlay.simulator.pve.api;

import dev.underlay.simulator.pve.model.BackupJob;
import dev.underlay.simulator.pve.task.Task;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Wires every endpoint group into one {@link Routes} table and exposes the few operations tests drive directly. */
public final class Endpoints {

    private final Routes routes = new Routes();
    private final HaService ha;
    private final BackupService backups;
    private final Map<String, Instant> nextRuns = new HashMap<>();

    public Endpoints(SimContext ctx) {
        VmService vms = new VmService(ctx);
        this.ha = new HaService(ctx, vms);
        this.backups = new BackupService(ctx, vms);
        new ClusterEndpoints(ctx, vms, ha).register(routes);
        new NodeEndpoints(ctx).register(routes);
        new QemuEndpoints(ctx, vms, ha, backups).register(routes);
        new HaEndpoints(ctx, ha).register(routes);
        new BackupEndpoints(ctx, backups).register(routes);
        new StorageEndpoints(ctx).register(routes);
        new CephEndpoints(ctx).register(routes);
    }

    public Routes routes() {
        return routes;
    }

    /** Called when a node goes offline: HA recovers its guests elsewhere. */
    public void nodeFailed(String node) {
        ha.recoverSoon(node);
    }

    public void setNodeMaintenance(String node, boolean on) {
        ha.setMaintenance(node, on);
    }

    public List<Task> runBackupJob(BackupJob job) {
        return backups.runJob(job);
    }

    /**
     * Runs every enabled job whose schedule came due on the injected clock since it was last
     * looked at. A job that missed several slots runs once, as PVE's {@code repeat-missed} does.
     */
    public void fireDueBackupJobs(SimContext ctx) {
        Instant now = ctx.clock().instant();
        for (BackupJob job : ctx.model().backupJobs.values()) {
            String schedule = job.options.get("schedule");
            if (!job.enabled() || schedule == null) {
                continue;
            }
            String key = job.id + "|" + schedule;
            Instant next = nextRuns.computeIfAbsent(
                    key, k -> CalendarEvents.next(schedule, now).orElse(Instant.MAX));
            if (!next.isAfter(now)) {
                backups.runJob(job);
                nextRuns.put(key, CalendarEvents.next(schedule, now).orElse(Instant.MAX));
            }
        }
    }
}
