package dev.underlay.controller.support;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Merges desired condition states into a resource's existing conditions, the Kubernetes way: lastTransitionTime moves
 * only when a condition's status changes (a new reason or message alone keeps it), every condition carries the
 * generation it was computed for, and conditions of types the caller does not set are kept as they are.
 */
public final class Conditions {

    private Conditions() {}

    /** Existing conditions with each desired state applied; order: existing types first, new types appended. */
    public static List<Condition> merge(
            List<Condition> existing, Collection<ConditionState> desired, long generation, Instant now) {
        List<Condition> result = new ArrayList<>();
        List<ConditionState> pending = new ArrayList<>(desired);
        for (Condition current : existing == null ? List.<Condition>of() : existing) {
            Optional<ConditionState> replacement = pending.stream()
                    .filter(state -> state.type().equals(current.getType()))
                    .findFirst();
            if (replacement.isPresent()) {
                result.add(stamp(current, replacement.get(), generation, now));
                pending.remove(replacement.get());
            } else {
                result.add(current);
            }
        }
        for (ConditionState state : pending) {
            result.add(stamp(null, state, generation, now));
        }
        return result;
    }

    /** The condition of that type, if present. */
    public static Optional<Condition> find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** Whether two conditions say the same thing to a person: same status and same reason. */
    public static boolean sameOutcome(Condition a, Condition b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.getStatus().equals(b.getStatus()) && a.getReason().equals(b.getReason());
    }

    /** RFC 3339 at second precision, as metav1.Time serializes. */
    public static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static Condition stamp(Condition previous, ConditionState state, long generation, Instant now) {
        boolean statusChanged = previous == null
                || !state.status().equals(previous.getStatus())
                || previous.getLastTransitionTime() == null;
        return new ConditionBuilder()
                .withType(state.type())
                .withStatus(state.status())
                .withReason(state.reason())
                .withMessage(state.message())
                .withObservedGeneration(generation)
                .withLastTransitionTime(statusChanged ? timestamp(now) : previous.getLastTransitionTime())
                .build();
    }
}
