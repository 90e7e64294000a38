package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.controller.support.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Events for nodes moving in or out of maintenance: one per change, never per resync. */
@ApplicationScoped
public class MaintenanceEvents {

    public static final String NODE_DRAINING = "NodeDraining";
    public static final String NODE_IN_MAINTENANCE = "NodeInMaintenance";
    public static final String NODE_MAINTENANCE_ENDED = "NodeMaintenanceEnded";
    public static final String MAINTENANCE_BLOCKED = ConditionReasons.MAINTENANCE_BLOCKED;

    @Inject
    EventPublisher events;

    /**
     * One Normal Event per node whose maintenance state moved (NodeDraining, NodeInMaintenance, NodeMaintenanceEnded),
     * and one Warning MaintenanceBlocked per node whose requested maintenance became blocked, compared with the nodes
     * the status showed before this resync.
     */
    public void publishNodes(ProxmoxCluster cluster, MaintenanceOutcome outcome) {
        Map<String, NodeStatus.MaintenanceState> before = new TreeMap<>();
        Set<String> blockedBefore = new TreeSet<>();
        if (cluster.getStatus() != null) {
            cluster.getStatus().getNodes().forEach(n -> {
                before.put(n.name(), n.maintenance() == null ? NodeStatus.MaintenanceState.None : n.maintenance());
                if (Boolean.TRUE.equals(n.maintenanceBlocked())) {
                    blockedBefore.add(n.name());
                }
            });
        }
        outcome.blocked().forEach((node, blocked) -> {
            if (!blockedBefore.contains(node)) {
                events.publish(
                        cluster,
                        EventPublisher.WARNING,
                        MAINTENANCE_BLOCKED,
                        "maintenance of " + node + " cannot proceed: " + blocked.message());
            }
        });
        Set<String> nodes = new TreeSet<>(outcome.nodes().keySet());
        before.forEach((node, state) -> {
            if (state != NodeStatus.MaintenanceState.None) {
                nodes.add(node);
            }
        });
        for (String node : nodes) {
            MaintenanceOutcome.NodeMaintenance now = outcome.of(node);
            NodeStatus.MaintenanceState was = before.getOrDefault(node, NodeStatus.MaintenanceState.None);
            if (now.state() != was) {
                events.publish(
                        cluster,
                        EventPublisher.NORMAL,
                        nodeReason(now.state()),
                        node + ": " + was + " -> " + now.state()
                                + (now.message() == null ? "" : " (" + now.message() + ")"));
            }
        }
    }

    private static String nodeReason(NodeStatus.MaintenanceState state) {
        switch (state) {
            case Draining:
                return NODE_DRAINING;
            case InMaintenance:
                return NODE_IN_MAINTENANCE;
            default:
                return NODE_MAINTENANCE_ENDED;
        }
    }
}
