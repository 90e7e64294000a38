package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus;

import java.util.Map;
import java.util.TreeMap;

/**
 * Maintenance state per node after one step.
 *
 * @param nodes                  per Proxmox node: None, Draining or InMaintenance, with a message when not where the
 *                               spec wants it
 * @param inProgress             whether work is under way (the observer then resyncs on the short interval)
 * @param cephNoOutSetByOperator what {@code status.cephNoOutSetByOperator} must become: true only while the Ceph
 *                               noout flag is set because this operator set it
 */
public record MaintenanceOutcome(
        Map<String, NodeMaintenance> nodes, boolean inProgress, boolean cephNoOutSetByOperator) {

    public MaintenanceOutcome {
        nodes = Map.copyOf(nodes);
    }

    /** Nothing requested and nothing left to undo. */
    public static MaintenanceOutcome none() {
        return new MaintenanceOutcome(Map.of(), false, false);
    }

    public NodeMaintenance of(String node) {
        return nodes.getOrDefault(node, new NodeMaintenance(NodeStatus.MaintenanceState.None, null, false));
    }

    /**
     * @param blocked the requested maintenance cannot proceed until a person acts ({@code message} says why)
     */
    public record NodeMaintenance(NodeStatus.MaintenanceState state, String message, boolean blocked) {}

    /** Nodes whose requested maintenance cannot proceed until a person acts. */
    public Map<String, NodeMaintenance> blocked() {
        Map<String, NodeMaintenance> out = new TreeMap<>();
        nodes.forEach((node, m) -> {
            if (m.blocked()) {
                out.put(node, m);
            }
        });
        return out;
    }
}
