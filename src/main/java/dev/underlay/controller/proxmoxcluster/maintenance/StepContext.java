package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState;
import dev.underlay.controller.support.disruption.DisruptionBudget;
import dev.underlay.controller.support.disruption.KubernetesView;
import dev.underlay.controller.support.disruption.NodeDrainer;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.ProxmoxApi;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What every entry's step in one sync shares.
 *
 * @param clusterName       the ProxmoxCluster's name, which TalosNodeVMs name in {@code spec.clusterRef}
 * @param maintenanceNodes  every node listed in spec.maintenance: none of them receives guests
 * @param previous          each node's maintenance state as last written to status
 */
record StepContext(
        ClusterKey cluster,
        String clusterName,
        ClusterSnapshot snapshot,
        ProxmoxApi api,
        KubernetesView kubernetes,
        NodeDrainer drainer,
        DisruptionBudget budget,
        CephNoOut noOut,
        Set<String> maintenanceNodes,
        Map<String, MaintenanceState> previous,
        Instant now) {

    MaintenanceState previous(String node) {
        return previous.getOrDefault(node, MaintenanceState.None);
    }
}
