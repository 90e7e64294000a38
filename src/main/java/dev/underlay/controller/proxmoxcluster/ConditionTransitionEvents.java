package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.controller.support.Conditions;
import dev.underlay.controller.support.EventPublisher;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * Events for the ProxmoxCluster conditions besides Ready (which the status writer records): quorum lost and regained,
 * degradation starting, changing cause and ending. One Event per change, never per resync (node maintenance has its own
 * events in {@code MaintenanceEvents}).
 */
@ApplicationScoped
public class ConditionTransitionEvents {

    static final String QUORUM_RESTORED = "QuorumRestored";
    static final String DEGRADATION_CLEARED = "DegradationCleared";

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
            if (ConditionReasons.MAINTENANCE_BLOCKED.equals(state.reason())) {
                // MaintenanceEvents records one Warning per blocked node, with the node's own reason
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
}
