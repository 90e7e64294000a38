package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.api.v1alpha1.UnderlayApi;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterStatus;
import dev.underlay.controller.support.disruption.DisruptionMarks;
import dev.underlay.observe.ClusterKey;
import dev.underlay.proxmox.rest.PveRestApi;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.SimulatorTransport;
import dev.underlay.testing.DeployedCrds;
import dev.underlay.testing.Fixtures;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState.None;
import static dev.underlay.simulator.pve.PveSimulatorBuilder.MS01_02;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real bean in the running application (replacing the default that reported "not implemented"), with the
 * application's Kubernetes client: a cordon mark left behind by a maintenance whose entry and status are gone (the
 * operator crashed before it wrote status) is undone on the next sync; a Node a person cordoned is left alone.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
class MaintenanceWiringTest {

    @Inject
    MaintenanceSync sync;

    @Inject
    KubernetesClient client;

    @Test
    void theApplicationUsesNodeMaintenanceAndItUndoesLeftoverCordons() throws Exception {
        String ns = Fixtures.namespace("maint");
        String leftover = ns + "-talos-1";
        String human = ns + "-talos-2";
        client.nodes()
                .resource(new NodeBuilder()
                        .withNewMetadata()
                        .withName(leftover)
                        .addToAnnotations(DisruptionMarks.ANNOTATION, ns + "/homelab:" + MS01_02)
                        .endMetadata()
                        .withNewSpec()
                        .withUnschedulable(true)
                        .endSpec()
                        .build())
                .create();
        client.nodes()
                .resource(new NodeBuilder()
                        .withNewMetadata()
                        .withName(human)
                        .endMetadata()
                        .withNewSpec()
                        .withUnschedulable(true)
                        .endSpec()
                        .build())
                .create();
        ProxmoxCluster cluster = new KubernetesSerialization()
                .unmarshal("""
                apiVersion: %s
                kind: ProxmoxCluster
                metadata: {name: homelab, namespace: %s}
                spec:
                  endpoints: ["https://10.8.16.10:8006"]
                  credentialsSecretRef: {name: pve-api-token}
                """.formatted(UnderlayApi.API_VERSION, ns), ProxmoxCluster.class);
        cluster.setStatus(new ProxmoxClusterStatus());
        PveSimulator sim = PveSimulator.homelab(PveVersion.PVE_9_1);
        PveRestApi api = new PveRestApi(SimulatorTransport.of(sim), null);

        MaintenanceOutcome outcome =
                sync.sync(cluster, api, SnapshotReader.take(new ClusterKey(ns, "homelab"), api, Clock.systemUTC()));

        assertThat(sync).isInstanceOf(NodeMaintenanceSync.class);
        assertThat(outcome.of(MS01_02).state()).isEqualTo(None);
        assertThat(outcome.inProgress()).isFalse();
        assertThat(client.nodes().withName(leftover).get().getSpec().getUnschedulable())
                .isNotEqualTo(Boolean.TRUE);
        assertThat(client.nodes().withName(human).get().getSpec().getUnschedulable())
                .isTrue();
        assertThat(sim.journal().entries()).allMatch(e -> "GET".equals(e.method()));
    }
}
