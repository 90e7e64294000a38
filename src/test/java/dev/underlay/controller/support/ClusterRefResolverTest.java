package dev.underlay.controller.support;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterStatus;
import dev.underlay.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterRefResolverTest {

    @Test
    void clusterWithoutStatusIsNotReadyYet() {
        ClusterResolution resolution = ClusterRefResolver.judge(Fixtures.cluster("ns", "homelab", "token"));

        assertThat(resolution.blocker().reason()).isEqualTo(ConditionReasons.CLUSTER_NOT_READY);
        assertThat(resolution.blocker().message()).contains("homelab").contains("not reported readiness");
    }

    @Test
    void notReadyClusterPassesItsReasonAndMessageOn() {
        ProxmoxCluster cluster = withReady(ConditionState.isFalse("Ready", "QuorumLost", "2 of 3 votes missing"));

        ClusterResolution resolution = ClusterRefResolver.judge(cluster);

        assertThat(resolution.blocker().status()).isEqualTo("False");
        assertThat(resolution.blocker().message()).contains("QuorumLost: 2 of 3 votes missing");
    }

    @Test
    void readyClusterLetsTheChildProceed() {
        ProxmoxCluster cluster = withReady(ConditionState.isTrue("Ready", "Reconciled", ""));

        ClusterResolution resolution = ClusterRefResolver.judge(cluster);

        assertThat(resolution.blocking()).isEmpty();
        assertThat(resolution.cluster()).isSameAs(cluster);
    }

    @Test
    void clusterBeingDeletedBlocksEvenWhenReady() {
        ProxmoxCluster cluster = withReady(ConditionState.isTrue("Ready", "Reconciled", ""));
        cluster.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");

        assertThat(ClusterRefResolver.judge(cluster).blocker().message()).contains("being deleted");
    }

    private static ProxmoxCluster withReady(ConditionState ready) {
        ProxmoxCluster cluster = Fixtures.cluster("ns", "homelab", "token");
        ProxmoxClusterStatus status = new ProxmoxClusterStatus();
        status.setConditions(Conditions.merge(List.of(), List.of(ready), 1, Instant.EPOCH));
        cluster.setStatus(status);
        return cluster;
    }
}
