package dev.underlay.controller.cephpool;

import dev.underlay.api.v1alpha1.cephpool.CephPool;
import dev.underlay.api.v1alpha1.cephpool.CephPoolSpec;
import dev.underlay.ceph.CephApi;
import dev.underlay.ceph.CephApiException;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.PoolObservation;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.Storage;
import dev.underlay.proxmox.model.StorageContent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Gathers the {@link PoolFacts} of one reconcile: the cluster's pool inventory, and Proxmox storages when needed. */
final class PoolFactsReader {

    /** Every Ceph release Proxmox VE 8/9 ships, and Debian's 16, merges PGs (Nautilus and later). */
    static final boolean PG_MERGING = true;

    private PoolFactsReader() {}

    /**
     * @param node       a node to list storage content on (deletion only), may be null otherwise
     * @param withDisks  whether to list the VM disks on the pool's storages (costs one call per such storage)
     */
    static PoolFacts read(
            CephPool resource,
            PoolOwnership ownership,
            PoolInventory.Inventory inventory,
            ProxmoxApi proxmox,
            Optional<PoolObservation> observation,
            String node,
            boolean withDisks)
            throws ProxmoxApiException {
        CephPoolSpec spec = resource.getSpec();
        String name = resource.effectivePoolName();
        String storageName =
                spec.proxmoxStorage() == null ? null : spec.proxmoxStorage().name();
        Optional<Storage> storage = Optional.empty();
        List<String> others = new ArrayList<>();
        List<String> disks = new ArrayList<>();
        boolean storagesMatter = storageName != null || withDisks;
        if (storagesMatter && proxmox != null) {
            for (Storage s : proxmox.storages()) {
                if (s.storage().equals(storageName)) {
                    storage = Optional.of(s);
                } else if (s.isRbd() && name.equals(s.pool())) {
                    others.add(s.storage());
                }
                if (withDisks && s.isRbd() && name.equals(s.pool()) && node != null) {
                    for (StorageContent volume : proxmox.storageContent(node, s.storage(), "images", null)) {
                        disks.add(volume.volid());
                    }
                }
            }
        }
        return new PoolFacts(
                spec,
                name,
                ownership,
                inventory.pool(name),
                storage,
                others,
                disks,
                inventory.crushRules(),
                PG_MERGING,
                observation.map(PoolObservation::runningTask).orElse(null));
    }

    static PoolInventory.Inventory inventory(PoolInventory pools, ClusterKey cluster, CephApi api)
            throws CephApiException {
        return pools.of(cluster, api);
    }
}
