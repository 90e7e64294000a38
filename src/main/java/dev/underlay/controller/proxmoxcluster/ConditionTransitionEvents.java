package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.controller.support.Conditions;
import dev.underlay.controller.support.EventPublisher;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Events for the ProxmoxCluster conditions besides Ready (which the status writer records): quorum lost and regained,
 * degradation starting, changing cause and ending; and for nodes moving in or out of maintenance. One Event per change,
 * never per resync.
 */
@ApplicationScoped
public class ConditionTransitionEvents {

    static final String QUORUM_RESTORED = "QuorumRestored";
    static final String DEGRADATION_CLEARED = "DegradationCleared";
    static final String NODE_DRAINING = "NodeDraining";
    static final String NODE_IN_MAINTENANCE = "NodeInMaintenance";
    static final String NODE_MAINTENANCE_ENDED = "NodeMaintenanceEnded";

    @Inject
    EventPublisher events;

    void publish(HasMetadata cluster, List<Condition> before, List<ConditionState> after) {
        for (ConditionState state : after) {
            if (!state.type().equals(ConditionTypes.QUORATE) && !state.type().equals(ConditionTypes.DEGRADED)) {
                continue;
            }
            Optional<Condition> previous = Conditions.find(before, state.type());
            boolean same = previous.isPresent()
                    && previous.get().getStatus().equals(state.status())
                    && previous.get().getReason().equals(state.reason());
            if (same || state.status().equals(ConditionState.UNKNOWN)) {
                continue;
            }
            boolean healthy = state.type().equals(ConditionTypes.QUORATE) == state.isTrue();
            boolean wasKnown =
                    previous.isPresent() && !previous.get().getStatus().equals(ConditionState.UNKNOWN);
            if (healthy && !wasKnown) {
                // the first observation of a healthy cluster is not news; Ready's Event covers it
                continue;
            }
            String reason = !healthy
                    ? state.reason()
                    : state.type().equals(ConditionTypes.QUORATE) ? QUORUM_RESTORED : DEGRADATION_CLEARED;
            events.publish(cluster, healthy ? EventPublisher.NORMAL : EventPublisher.WARNING, reason, state.message());
        }
    }

    /**
     * One Normal Event per node whose maintenance state moved (NodeDraining, NodeInMaintenance, NodeMaintenanceEnded),
     * compared with the nodes the status showed before this resync.
     */
    void publishNodes(ProxmoxCluster cluster, MaintenanceOutcome outcome) {
        Map<String, NodeStatus.MaintenanceState> before = new TreeMap<>();
        if (cluster.getStatus() != null) {
            cluster.getStatus()
                    .getNodes()
                    .forEach(n -> before.put(
                            n.name(), n.maintenance() == null ? NodeStatus.MaintenanceState.None : n.maintenance()));
        }
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
