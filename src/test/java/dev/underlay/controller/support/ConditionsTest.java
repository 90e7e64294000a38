package dev.underlay.controller.support;

import io.fabric8.kubernetes.api.model.Condition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.750Z");
    private static final Instant T1 = Instant.parse("2026-01-01T11:00:00Z");

    @Test
    void newConditionIsStampedWithTimeAndGeneration() {
        List<Condition> merged = Conditions.merge(
                List.of(), List.of(ConditionState.isFalse("Ready", "ClusterNotFound", "no cluster")), 3, T0);

        assertThat(merged).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("ClusterNotFound");
            assertThat(c.getMessage()).isEqualTo("no cluster");
            assertThat(c.getObservedGeneration()).isEqualTo(3L);
            assertThat(c.getLastTransitionTime()).as("RFC 3339, whole seconds").isEqualTo("2026-01-01T10:00:00Z");
        });
    }

    @Test
    void reasonChangeWithSameStatusKeepsTheTransitionTime() {
        List<Condition> first =
                Conditions.merge(List.of(), List.of(ConditionState.isFalse("Ready", "ClusterNotFound", "a")), 1, T0);
        List<Condition> second =
                Conditions.merge(first, List.of(ConditionState.isFalse("Ready", "ClusterNotReady", "b")), 2, T1);

        assertThat(second).singleElement().satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("ClusterNotReady");
            assertThat(c.getMessage()).isEqualTo("b");
            assertThat(c.getObservedGeneration()).isEqualTo(2L);
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
        });
    }

    @Test
    void statusChangeMovesTheTransitionTime() {
        List<Condition> first =
                Conditions.merge(List.of(), List.of(ConditionState.isFalse("Ready", "ConnectionPending", "a")), 1, T0);
        List<Condition> second =
                Conditions.merge(first, List.of(ConditionState.isTrue("Ready", "Reconciled", "ok")), 1, T1);

        assertThat(second.get(0).getLastTransitionTime()).isEqualTo("2026-01-01T11:00:00Z");
    }

    @Test
    void untouchedTypesStayAndNewTypesAreAppended() {
        List<Condition> first = Conditions.merge(
                List.of(),
                List.of(ConditionState.isFalse("Ready", "X", ""), ConditionState.unknown("Connected", "X", "")),
                1,
                T0);
        List<Condition> second = Conditions.merge(
                first,
                List.of(ConditionState.isTrue("Quorate", "Reconciled", ""), ConditionState.isTrue("Ready", "Y", "")),
                2,
                T1);

        assertThat(second).extracting(Condition::getType).containsExactly("Ready", "Connected", "Quorate");
        assertThat(second.get(1)).as("Connected untouched").isEqualTo(first.get(1));
    }

    @Test
    void sameOutcomeComparesStatusAndReasonOnly() {
        Condition a = Conditions.merge(List.of(), List.of(ConditionState.isFalse("Ready", "R", "one")), 1, T0)
                .get(0);
        Condition b = Conditions.merge(List.of(), List.of(ConditionState.isFalse("Ready", "R", "two")), 2, T1)
                .get(0);
        Condition c = Conditions.merge(List.of(), List.of(ConditionState.isFalse("Ready", "S", "one")), 1, T0)
                .get(0);

        assertThat(Conditions.sameOutcome(a, b)).isTrue();
        assertThat(Conditions.sameOutcome(a, c)).isFalse();
        assertThat(Conditions.sameOutcome(null, a)).isFalse();
        assertThat(Conditions.sameOutcome(null, null)).isTrue();
    }
}
