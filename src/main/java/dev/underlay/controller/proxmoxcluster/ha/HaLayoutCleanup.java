package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;

/**
 * What the ProxmoxCluster's cleanup calls when the resource is deleted: the HA groups/rules it owns are deleted
 * ({@code deletionPolicy: Delete}) or released, their ownership marker stripped ({@code Retain}, the default).
 * Nothing it does not own is touched, and nothing at all under {@code managementPolicy: Observe}.
 */
public interface HaLayoutCleanup {

    /**
     * Reads the version and cluster status itself (cleanup has no snapshot). Refusals are collected in the result;
     * retryable failures are thrown. Call again while the result is not complete if the deletion should wait.
     */
    HaCleanupResult removeOwned(ProxmoxCluster cluster, ProxmoxApi api) throws ProxmoxApiException;
}
