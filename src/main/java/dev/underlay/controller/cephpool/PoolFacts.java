package dev.underlay.controller.cephpool;

import dev.underlay.api.v1alpha1.cephpool.CephPoolSpec;
import dev.underlay.ceph.model.Pool;
import dev.underlay.proxmox.model.Storage;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything {@link CephPoolPlanner} decides from, read before it runs.
 *
 * @param poolName        the effective Ceph pool name
 * @param pool            the pool as Ceph reports it, empty when there is none
 * @param storage         the PVE storage named by {@code spec.proxmoxStorage}, empty when not defined (or not asked)
 * @param otherStorages   PVE storages other than that one whose RBD pool is this pool
 * @param vmDisks         VM disk volumes on storages backed by this pool ({@code vm-disks:vm-101-disk-0}), for deletion
 * @param crushRules      the cluster's CRUSH rule names, empty when the backend cannot list them (Proxmox)
 * @param pgMerging       whether the cluster's Ceph can lower pg_num (merge PGs; Nautilus and later)
 * @param runningTask     a Ceph task for this pool the snapshot shows running, or null
 */
public record PoolFacts(
        CephPoolSpec spec,
        String poolName,
        PoolOwnership ownership,
        Optional<Pool> pool,
        Optional<Storage> storage,
        List<String> otherStorages,
        List<String> vmDisks,
        Optional<Set<String>> crushRules,
        boolean pgMerging,
        String runningTask) {

    public PoolFacts {
        otherStorages = List.copyOf(otherStorages);
        vmDisks = List.copyOf(vmDisks);
    }
}
