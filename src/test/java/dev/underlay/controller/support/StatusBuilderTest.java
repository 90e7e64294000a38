package dev.underlay.controller.support;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class StatusBuilderTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void firstStatusHasGenerationAndConditions() {
        ProxmoxClusterStatus next = StatusBuilder.next(
                null,
                ProxmoxClusterStatus::new,
                JSON::clone,
                2L,
                List.of(
                        ConditionState.isFalse("Ready", "CredentialsSecretMissing", "m"),
                        ConditionState.unknown("Connected", "CredentialsSecretMissing", "not attempted: m")),
                status -> {},
                NOW);

        assertThat(next.getObservedGeneration()).isEqualTo(2L);
        assertThat(next.getConditions())
                .extracting("type", "status", "observedGeneration")
                .containsExactly(tuple("Ready", "False", 2L), tuple("Connected", "Unknown", 2L));
    }

    @Test
    void observedFieldsAreKeptOrReplacedAndTheCurrentStatusIsNotModified() {
        ProxmoxClusterStatus current = StatusBuilder.next(
                null,
                ProxmoxClusterStatus::new,
                JSON::clone,
                1L,
                List.of(ConditionState.isTrue("Ready", "Reconciled", "")),
                status -> {
                    status.setVersion("8.3.2");
                    status.setQuorate(true);
                },
                NOW);
        String before = JSON.asJson(current);

        ProxmoxClusterStatus next = StatusBuilder.next(
                current,
                ProxmoxClusterStatus::new,
                JSON::clone,
                2L,
                List.of(ConditionState.isFalse("Ready", "QuorumLost", "")),
                status -> status.setQuorate(false),
                NOW.plusSeconds(60));

        assertThat(next.getVersion()).as("untouched observation kept").isEqualTo("8.3.2");
        assertThat(next.getQuorate()).isFalse();
        assertThat(next.getObservedGeneration()).isEqualTo(2L);
        assertThat(next.getConditions().get(0).getLastTransitionTime()).isEqualTo("2026-03-01T12:01:00Z");
        assertThat(JSON.asJson(current)).as("current status untouched").isEqualTo(before);
    }

    @Test
    void sameInputsGiveTheSameSerializedStatusSoNothingIsWritten() {
        ProxmoxClusterStatus current = StatusBuilder.next(
                null,
                ProxmoxClusterStatus::new,
                JSON::clone,
                1L,
                List.of(ConditionState.isFalse("Ready", "ConnectionPending", "m")),
                status -> {},
                NOW);

        ProxmoxClusterStatus again = StatusBuilder.next(
                current,
                ProxmoxClusterStatus::new,
                JSON::clone,
                1L,
                List.of(ConditionState.isFalse("Ready", "ConnectionPending", "m")),
                status -> {},
                NOW.plusSeconds(3600));

        assertThat(JSON.asJson(again)).isEqualTo(JSON.asJson(current));
    }
}
