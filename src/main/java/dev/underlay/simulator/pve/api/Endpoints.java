package dev.underlay.simulator.pve.api;

import dev.underlay.simulator.pve.model.BackupJob;
import dev.underlay.simulator.pve.task.Task;
import java.util.List;

/** Wires every endpoint group into one {@link Routes} table and exposes the few operations tests drive directly. */
public final class Endpoints {

    private final Routes routes = new Routes();
    private final HaService ha;
    private final BackupService backups;

    public Endpoints(SimContext ctx) {
        VmService vms = new VmService(ctx);
        this.ha = new HaService(ctx, vms);
        this.backups = new BackupService(ctx, vms);
        new ClusterEndpoints(ctx, vms).register(routes);
        new NodeEndpoints(ctx).register(routes);
        new QemuEndpoints(ctx, vms, ha).register(routes);
        new HaEndpoints(ctx, ha).register(routes);
        new BackupEndpoints(ctx, backups).register(routes);
        new StorageEndpoints(ctx).register(routes);
        new CephEndpoints(ctx).register(routes);
    }

    public Routes routes() {
        return routes;
    }

    public void setNodeMaintenance(String node, boolean on) {
        ha.setMaintenance(node, on);
    }

    public List<Task> runBackupJob(BackupJob job) {
        return backups.runJob(job);
    }
}
