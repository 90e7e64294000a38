package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus;

import java.util.Map;

/**
 * Maintenance state per node after one step.
 *
 * @param nodes      per Proxmox node: None, Draining or InMaintenance, with a message when not where the spec wants it
 * @param inProgress whether work is under way (the observer then resyncs on the short interval)
 */
public record MaintenanceOutcome(Map<String, NodeMaintenance> nodes, boolean inProgress) {

    public MaintenanceOutcome {
        nodes = Map.copyOf(nodes);
    }

    public static MaintenanceOutcome none() {
        return new MaintenanceOutcome(Map.of(), false);
    }

    public NodeMaintenance of(String node) {
        return nodes.getOrDefault(node, new NodeMaintenance(NodeStatus.MaintenanceState.None, null));
    }

    public record NodeMaintenance(NodeStatus.MaintenanceState state, String message) {
    }
}
