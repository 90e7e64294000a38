package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;

/**
 * Drives {@code spec.maintenance}: for each listed node, cordon/drain the Kubernetes nodes of the TalosNodeVMs on it
 * (at most one control-plane node unavailable), set Ceph noout when asked, migrate every guest away, report
 * InMaintenance; when an entry is removed, undo what the operator did. Called by the cluster observer after each
 * snapshot; one step per call, so a reconcile never blocks on a long migration. Mutating calls go through the
 * quorum-gated {@link ProxmoxApi} the observer hands in.
 */
public interface MaintenanceSync {

    MaintenanceOutcome sync(ProxmoxCluster cluster, ProxmoxApi api, ClusterSnapshot snapshot)
            throws ProxmoxApiException;
}
