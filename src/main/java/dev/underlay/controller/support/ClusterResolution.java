package dev.underlay.controller.support;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;

import java.util.Optional;

/**
 * Outcome of resolving a child's clusterRef: either the Ready cluster, or the Ready=False state the child reports
 * instead (ClusterNotFound, or ClusterNotReady carrying the cluster's own reason).
 */
public record ClusterResolution(ProxmoxCluster cluster, ConditionState blocker) {

    public static ClusterResolution ready(ProxmoxCluster cluster) {
        return new ClusterResolution(cluster, null);
    }

    public static ClusterResolution blocked(ConditionState blocker) {
        return new ClusterResolution(null, blocker);
    }

    public Optional<ConditionState> blocking() {
        return Optional.ofNullable(blocker);
    }
}
