package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.MaintenanceSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.controller.proxmoxcluster.maintenance.MaintenanceOutcome;
import dev.underlay.controller.proxmoxcluster.maintenance.MaintenanceSync;
import dev.underlay.controller.proxmoxcluster.maintenance.NodeMaintenanceSync;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.CephFlag;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.Map;

/**
 * Test stand-in for the maintenance seam (enabled by {@link SimulatedClusters}, used for clusters labelled
 * {@value SimulatedClusters#WRITING_SEAMS_LABEL}; every other cluster gets the real {@link NodeMaintenanceSync}): on
 * every resync it sets Ceph noout for each entry that asks for it and reports the node Draining, so that while the
 * cluster is quorate there is a write on every resync, and while it is not, the quorum gate has one to refuse.
 */
@Alternative
@ApplicationScoped
public class WritingMaintenanceSync implements MaintenanceSync {

    @Inject
    NodeMaintenanceSync production;

    @Override
    public MaintenanceOutcome sync(ProxmoxCluster cluster, ProxmoxApi api, ClusterSnapshot snapshot)
            throws ProxmoxApiException {
        if (!SimulatedClusters.wantsWritingSeams(cluster)) {
            return production.sync(cluster, api, snapshot);
        }
        Map<String, MaintenanceOutcome.NodeMaintenance> nodes = new HashMap<>();
        for (MaintenanceSpec entry : cluster.getSpec().maintenance()) {
            if (entry.isCephNoOut()) {
                api.setCephFlag(CephFlag.NOOUT, true);
            }
            nodes.put(
                    entry.node(),
                    new MaintenanceOutcome.NodeMaintenance(
                            NodeStatus.MaintenanceState.Draining, "test seam: noout set, nothing migrated", false));
        }
        return new MaintenanceOutcome(nodes, !nodes.isEmpty(), false);
    }
}
