package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.UnderlayApi;
import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterStatus;
import dev.underlay.controller.proxmoxcluster.ha.HaLayoutOutcome;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.observe.Snapshots;
import dev.underlay.testing.UnderlayConfigStub;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** When the HA layout sync runs, and when a calm resync leaves it (and its reads) out. */
class SyncCadenceTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final AtomicReference<Instant> now = new AtomicReference<>(Snapshots.AT);
    private final SyncCadence cadence = new SyncCadence();

    @BeforeEach
    void wire() {
        cadence.config = UnderlayConfigStub.of(Map.of());
        cadence.clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }

    @Test
    void nothingDeclaredAndNothingOwnedMeansNoHaPass() {
        assertThat(cadence.haLayoutDue(cluster("", 1), Snapshots.homelab().build()))
                .isFalse();
        ProxmoxCluster owning = cluster("", 1);
        owning.setStatus(new ProxmoxClusterStatus());
        owning.getStatus().setHaGroups(List.of(new HaGroupStatus("old", "Rule", "InSync", null)));
        assertThat(cadence.haLayoutDue(owning, Snapshots.homelab().build()))
                .as("owned groups left to remove")
                .isTrue();
    }

    @Test
    void aCalmClusterIsReReadOnlyWhenSomethingCanHaveChanged() {
        ProxmoxCluster cluster = cluster("haGroups: [{name: production, nodes: [pve-ms01-01]}]", 1);
        ClusterSnapshot calm = Snapshots.homelab().build();
        assertThat(cadence.haLayoutDue(cluster, calm)).as("first pass").isTrue();
        cadence.haLayoutRan(cluster, calm, Optional.of(outcome("Pending", false)));
        assertThat(cadence.haLayoutDue(cluster, calm)).as("nothing changed").isFalse();

        assertThat(cadence.haLayoutDue(cluster("haGroups: [{name: production, nodes: [pve-ms01-02]}]", 2), calm))
                .as("new generation")
                .isTrue();
        assertThat(cadence.haLayoutDue(
                        cluster,
                        Snapshots.homelab().haService("vm:101", "started").build()))
                .as("HA resources changed")
                .isTrue();
        now.set(Snapshots.AT.plus(Duration.ofMinutes(10)));
        assertThat(cadence.haLayoutDue(cluster, calm)).as("drift period over").isTrue();
    }

    @Test
    void writesErrorsAndHeldBackPassesAreFollowedUpNextResync() {
        ProxmoxCluster cluster = cluster("haGroups: [{name: production, nodes: [pve-ms01-01]}]", 1);
        ClusterSnapshot calm = Snapshots.homelab().build();
        cadence.haLayoutRan(cluster, calm, Optional.of(outcome("Created", true)));
        assertThat(cadence.haLayoutDue(cluster, calm)).isTrue();
        cadence.haLayoutRan(cluster, calm, Optional.of(outcome("Error", false)));
        assertThat(cadence.haLayoutDue(cluster, calm)).isTrue();
        cadence.haLayoutRan(cluster, calm, Optional.empty());
        assertThat(cadence.haLayoutDue(cluster, calm)).isTrue();
        cadence.haLayoutRan(cluster, calm, Optional.of(outcome("InSync", false)));
        assertThat(cadence.haLayoutDue(cluster, calm)).isFalse();
    }

    private static HaLayoutOutcome outcome(String state, boolean changed) {
        return new HaLayoutOutcome("Rules", List.of(new HaGroupStatus("production", "Rule", state, null)), changed);
    }

    private static ProxmoxCluster cluster(String moreSpec, long generation) {
        ProxmoxCluster cluster = SERIALIZATION.unmarshal(
                """
                apiVersion: %s
                kind: ProxmoxCluster
                metadata: {name: homelab, namespace: ns}
                spec:
                  endpoints: ["https://pve-1:8006"]
                  credentialsSecretRef: {name: pve-token}
                %s
                """.formatted(UnderlayApi.API_VERSION, moreSpec.indent(2)), ProxmoxCluster.class);
        cluster.getMetadata().setGeneration(generation);
        return cluster;
    }
}
