package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.CephFlag;
import io.quarkus.logging.Log;

import java.util.Optional;

/**
 * The cluster-wide Ceph noout flag: set while a node whose entry asks for it is in maintenance, so its OSDs are not
 * marked out and rebalanced during the reboot; unset afterwards only if this operator set it (someone else's noout
 * is theirs to clear).
 */
final class CephNoOut {

    private final ClusterKey cluster;
    private boolean setByOperator;

    CephNoOut(ClusterKey cluster, boolean setByOperator) {
        this.cluster = cluster;
        this.setByOperator = setByOperator;
    }

    boolean setByOperator() {
        return setByOperator;
    }

    /** Sets noout unless it is set already; a reason to wait when it cannot be. */
    Optional<Holdup> ensureSet(ProxmoxApi api, ClusterSnapshot snapshot, String forNode) throws ProxmoxApiException {
        if (snapshot.ceph().isEmpty()) {
            return Optional.of(
                    Holdup.waiting("Ceph status cannot be read, so noout cannot be set (set cephNoOut: false "
                            + "if this cluster has no Ceph)"));
        }
        if (api.cephFlag(CephFlag.NOOUT)) {
            return Optional.empty();
        }
        api.setCephFlag(CephFlag.NOOUT, true);
        setByOperator = true;
        Log.infof("ProxmoxCluster %s: set Ceph noout for maintenance of %s", cluster, forNode);
        return Optional.empty();
    }

    /** Unsets noout when no entry wants it any more and this operator set it. */
    void releaseUnlessWanted(ProxmoxApi api, boolean wanted) throws ProxmoxApiException {
        if (wanted || !setByOperator) {
            return;
        }
        if (api.cephFlag(CephFlag.NOOUT)) {
            api.setCephFlag(CephFlag.NOOUT, false);
            Log.infof("ProxmoxCluster %s: unset Ceph noout, no node in maintenance needs it", cluster);
        }
        setByOperator = false;
    }
}
