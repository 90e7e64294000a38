package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;

/**
 * The seam where the ProxmoxCluster controller meets Proxmox. The reconciler calls it only once the spec is valid and
 * the credentials and TLS material resolved; it returns the conditions to report and when to look again.
 *
 * <p>Issue 4 replaces the default bean ({@link NotConnectedClusterObserver}) with one that connects through the cached
 * client per cluster, takes the cluster snapshot, publishes it for the child controllers and fills the observed status
 * fields. A transient failure (Proxmox unreachable) should be reported as conditions with a short next check, or thrown
 * to use JOSDK's retry; it must not be reported as InvalidSpec.
 */
public interface ClusterObserver {

    ClusterObservation observe(ProxmoxCluster cluster, ClusterAccess access) throws Exception;
}
