package dev.underlay.controller.support;

import dev.underlay.api.v1alpha1.common.UnderlayStatus;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Builds the next status of a resource from its current one, without touching the current one: a copy (or a fresh
 * status) with observedGeneration, the merged conditions and the kind's observed fields. Pure, so every rule of the
 * status shape is testable without an API server.
 */
public final class StatusBuilder {

    private StatusBuilder() {}

    /**
     * @param current      the status as read (may be null; never modified)
     * @param emptyStatus  a fresh status of the kind
     * @param copy         a deep copy of a status
     * @param generation   metadata.generation the status describes (may be null on servers that do not set it)
     * @param conditions   the condition states to set
     * @param observations sets the kind's own fields on the copy
     */
    public static <S extends UnderlayStatus> S next(
            S current,
            Supplier<S> emptyStatus,
            UnaryOperator<S> copy,
            Long generation,
            List<ConditionState> conditions,
            Consumer<S> observations,
            Instant now) {
        S next = current == null ? emptyStatus.get() : copy.apply(current);
        next.setObservedGeneration(generation);
        long conditionGeneration = generation == null ? 0L : generation;
        next.setConditions(Conditions.merge(next.getConditions(), conditions, conditionGeneration, now));
        observations.accept(next);
        return next;
    }
}
