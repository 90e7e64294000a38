package dev.underlay.controller.support;

import dev.underlay.api.v1alpha1.common.ClusterRef;
import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.observe.SnapshotStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The gate every child controller passes before touching Proxmox: the cluster must exist, its latest snapshot must
 * show quorum, and it must be Ready. Quorum is judged from the snapshot itself, before readiness, so that a child says
 * QuorumLost (the reason it waits) rather than the more general ClusterNotReady.
 */
@ApplicationScoped
public class ClusterGate {

    @Inject
    SnapshotStore snapshots;

    public <P extends HasMetadata> ClusterResolution check(Context<P> context, ClusterRef ref) {
        ClusterResolution cluster = ClusterRefResolver.resolve(context, ref);
        if (cluster.blocking()
                .map(b -> ConditionReasons.CLUSTER_NOT_FOUND.equals(b.reason()))
                .orElse(false)) {
            return cluster;
        }
        Optional<ClusterSnapshot> snapshot =
                snapshots.latest(ClusterKey.referencedBy(context.getPrimaryResource(), ref.name()));
        if (snapshot.isPresent() && !snapshot.get().isQuorate()) {
            return ClusterResolution.blocked(ConditionState.isFalse(
                    ConditionTypes.READY,
                    ConditionReasons.QUORUM_LOST,
                    "ProxmoxCluster " + ref.name()
                            + " is not quorate; nothing is changed on Proxmox until quorum returns"));
        }
        return cluster;
    }
}
