package dev.underlay.observe;

import dev.underlay.proxmox.model.StorageResource;
import dev.underlay.proxmox.model.TaskSummary;

import java.util.List;
import java.util.Optional;

/**
 * What a CephPool reconcile needs from a snapshot: whether the PVE storage that should front the pool is there and
 * usable, whether a pool task is running, and the Ceph health checks that name pools. Usage numbers go to metrics;
 * the pool's own settings are read by the pool controller when it acts.
 *
 * @param storageStatus status of the named PVE storage on the nodes that have it ("available" everywhere, or the
 *                      first other status seen), null when no such storage exists or none was asked for
 * @param runningTask   UPID of a running Ceph pool task for this pool, or null
 * @param poolChecks    Ceph health check names that concern pools (POOL_NEARFULL, POOL_APP_NOT_ENABLED, ...)
 */
public record PoolObservation(String pool, String storageStatus, String runningTask, List<String> poolChecks) {

    public PoolObservation {
        poolChecks = List.copyOf(poolChecks);
    }

    /** @param storage the PVE storage that fronts the pool, or null */
    public static PoolObservation of(ClusterSnapshot snapshot, String pool, String storage) {
        return new PoolObservation(
                pool,
                storage == null ? null : storageStatus(snapshot, storage),
                snapshot.runningTasks().stream()
                        .filter(t -> t.type() != null && t.type().startsWith("ceph") && pool.equals(t.id()))
                        .map(TaskSummary::upid)
                        .map(Object::toString)
                        .findFirst()
                        .orElse(null),
                snapshot.ceph()
                        .map(ceph -> ceph.checks().keySet().stream()
                                .filter(c -> c.startsWith("POOL"))
                                .sorted()
                                .toList())
                        .orElse(List.of()));
    }

    private static String storageStatus(ClusterSnapshot snapshot, String storage) {
        List<StorageResource> rows = snapshot.storages().stream()
                .filter(s -> storage.equals(s.storage()))
                .toList();
        if (rows.isEmpty()) {
            return null;
        }
        Optional<String> other = rows.stream()
                .map(StorageResource::status)
                .filter(s -> !"available".equals(s))
                .findFirst();
        return other.orElse("available");
    }
}
