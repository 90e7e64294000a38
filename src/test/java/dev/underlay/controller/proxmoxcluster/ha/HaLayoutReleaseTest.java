package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HaLayoutReleaseTest {

    private static final String CLUSTER = """
            apiVersion: underlay.dev/v1alpha1
            kind: ProxmoxCluster
            metadata: {name: homelab, namespace: lab, uid: 7f0c}
            spec:
              endpoints: [https://10.8.16.10:8006]
              credentialsSecretRef: {name: pve-api-token}
            %s
            """;

    @Test
    void declaredGroupsAreReleased() {
        ProxmoxCluster cluster = cluster("  haGroups: [{name: production, nodes: [pve-ms01-01]}]");

        assertThat(HaLayoutRelease.mayOwnHaObjects(cluster)).isTrue();
    }

    @Test
    void groupsStillReportedAfterTheSpecWasEmptiedAreReleased() {
        ProxmoxCluster cluster = cluster("");
        ProxmoxClusterStatus status = new ProxmoxClusterStatus();
        status.setHaGroups(List.of(new HaGroupStatus("production", "Rule", "InSync", null)));
        cluster.setStatus(status);

        assertThat(HaLayoutRelease.mayOwnHaObjects(cluster)).isTrue();
    }

    @Test
    void aClusterThatNeverHadGroupsNeedsNoHaCleanup() {
        ProxmoxCluster cluster = cluster("");
        cluster.setStatus(new ProxmoxClusterStatus());

        assertThat(HaLayoutRelease.mayOwnHaObjects(cluster)).isFalse();
    }

    private static ProxmoxCluster cluster(String extraSpec) {
        return Serialization.unmarshal(CLUSTER.formatted(extraSpec), ProxmoxCluster.class);
    }
}
