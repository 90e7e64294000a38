package dev.underlay.controller.proxmoxcluster.maintenance;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvacuationMemoryTest {

    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    @Test
    void retriesBackOffFrom30SecondsDoublingUpTo10Minutes() {
        EvacuationMemory memory = new EvacuationMemory();
        assertThat(memory.retryAt()).isEmpty();

        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            memory.failed("boom " + i, T0);
            waits.add(Duration.between(T0, memory.retryAt().orElseThrow()).getSeconds());
        }

        assertThat(waits).containsExactly(30L, 60L, 120L, 240L, 480L, 600L, 600L, 600L);
        assertThat(memory.lastFailure()).contains("boom 7");
        memory.succeeded();
        assertThat(memory.retryAt()).isEmpty();
        assertThat(memory.failures()).isZero();
    }

    @Test
    void preconditionsAreReusedForAMinuteOnly() {
        EvacuationMemory memory = new EvacuationMemory();
        memory.precondition(101, SnapshotFixtures.clean(true), T0);

        assertThat(memory.precondition(101, T0.plusSeconds(60))).isPresent();
        assertThat(memory.precondition(101, T0.plusSeconds(61))).isEmpty();
        assertThat(memory.precondition(102, T0)).isEmpty();
    }
}
