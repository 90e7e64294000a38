package dev.underlay.controller.support;

import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.common.UnderlayStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one place a controller's verdict becomes status: it builds the next status ({@link StatusBuilder}), writes it
 * only if it changed ({@link StatusPatcher}), and records an Event when Ready moved ({@link EventPublisher}). The Event
 * follows the successful write, so a failed write (retried by JOSDK) never produces an Event for a state nobody can
 * see.
 */
@ApplicationScoped
public class ReadyStatusWriter {

    @Inject
    StatusPatcher patcher;

    @Inject
    EventPublisher events;

    @Inject
    Clock clock;

    /** Writes conditions only; the kind's other status fields keep their values. */
    public <P extends CustomResource<?, S>, S extends UnderlayStatus> boolean write(
            P primary, Context<P> context, Supplier<S> emptyStatus, List<ConditionState> conditions) {
        return write(primary, context, emptyStatus, conditions, status -> {});
    }

    /**
     * @param observations sets the kind's own status fields on the copy (e.g. what was observed on Proxmox)
     * @return whether the status was written
     */
    public <P extends CustomResource<?, S>, S extends UnderlayStatus> boolean write(
            P primary,
            Context<P> context,
            Supplier<S> emptyStatus,
            List<ConditionState> conditions,
            Consumer<S> observations) {
        S current = primary.getStatus();
        S next = StatusBuilder.next(
                current,
                emptyStatus,
                context.getClient().getKubernetesSerialization()::clone,
                primary.getMetadata().getGeneration(),
                conditions,
                observations,
                Instant.now(clock));

        boolean written = patcher.patchIfChanged(primary, next, context);
        if (written) {
            Condition before = current == null
                    ? null
                    : Conditions.find(current.getConditions(), ConditionTypes.READY)
                            .orElse(null);
            Condition after =
                    Conditions.find(next.getConditions(), ConditionTypes.READY).orElse(null);
            events.onReadyChange(primary, before, after);
        }
        return written;
    }
}
