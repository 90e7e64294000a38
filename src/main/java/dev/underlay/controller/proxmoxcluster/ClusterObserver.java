package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;

/**
 * The seam where the ProxmoxCluster controller meets Proxmox. The reconciler calls it only once the spec is valid and
 * the credentials and TLS material resolved; it returns the conditions to report and when to look again.
 *
 * <p>The implementation is {@link ConnectedClusterObserver}: it connects through the cached client per cluster, takes
 * the cluster snapshot, publishes it for the child controllers and fills the observed status fields. Proxmox being
 * unreachable is reported as conditions with the waiting interval as next check, never as InvalidSpec.
 */
public interface ClusterObserver {

    ClusterObservation observe(ProxmoxCluster cluster, ClusterAccess access) throws Exception;
}
