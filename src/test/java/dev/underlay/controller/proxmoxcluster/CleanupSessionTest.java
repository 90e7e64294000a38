package dev.underlay.controller.proxmoxcluster;

import dev.underlay.controller.support.ClusterUnreachableException;
import dev.underlay.controller.support.ConnectedCluster;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HA and maintenance releases of one cleanup share a single connection attempt. */
class CleanupSessionTest {

    @Test
    void connectsOnFirstUseOnlyAndHandsEveryStepTheSameConnection() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        ConnectedCluster connected = new ConnectedCluster(null, null);
        CleanupConnections.Session session = new CleanupConnections.Session(() -> {
            attempts.incrementAndGet();
            return connected;
        });

        assertThat(attempts).hasValue(0);
        assertThat(session.get()).isSameAs(connected);
        assertThat(session.get()).isSameAs(connected);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anUnreachableClusterIsTriedOnceAndEveryStepHearsWhy() {
        AtomicInteger attempts = new AtomicInteger();
        CleanupConnections.Session session = new CleanupConnections.Session(() -> {
            attempts.incrementAndGet();
            throw new ClusterUnreachableException("no endpoint of [https://10.8.16.10:8006] answered", null);
        });

        assertThatThrownBy(session::get).hasMessageContaining("no endpoint");
        assertThatThrownBy(session::get).hasMessageContaining("no endpoint");
        assertThat(attempts).hasValue(1);
    }
}
