package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;

/**
 * What the ProxmoxCluster's cleanup calls when the resource is deleted: the HA groups/rules it owns are deleted
 * ({@code deletionPolicy: Delete}) or released, their ownership marker stripped ({@code Retain}, the default).
 * Nothing it does not own is touched, and nothing at all under {@code managementPolicy: Observe}.
 */
public interface HaLayoutCleanup {

    /**
     * Judges version and quorum by {@code snapshot}, which the cleanup takes fresh (a deleted resource is no longer
     * reconciled, so the last published one may be old). Refusals are collected in the result; retryable failures are
     * thrown. Call again while the result is not complete if the deletion should wait.
     */
    HaCleanupResult removeOwned(ProxmoxCluster cluster, ProxmoxApi api, ClusterSnapshot snapshot)
            throws ProxmoxApiException;
}
