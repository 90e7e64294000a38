package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;

/**
 * Keeps {@code spec.haGroups} on the cluster: HA groups on PVE 8, node-affinity HA rules on PVE 9. Called by the
 * cluster observer after each snapshot. Touches only groups/rules the operator created (or the spec adopts); honours
 * {@code managementPolicy: Observe} by reporting without changing anything. Mutating calls go through the quorum-gated
 * {@link ProxmoxApi} the observer hands in, so a non-quorate cluster is never written to.
 */
public interface HaLayoutSync {

    HaLayoutOutcome sync(ProxmoxCluster cluster, ProxmoxApi api, ClusterSnapshot snapshot) throws ProxmoxApiException;
}
