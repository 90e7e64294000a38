package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.UnderlayApi;
import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.testing.DeployedCrds;
import dev.underlay.testing.Fixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In the running operator the HA layout seam is this package's bean (the default that reported "not implemented"
 * is gone), and on PVE 9 it finds rule members among the TalosNodeVMs stored in the API server.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
class HaLayoutWiringTest {

    @Inject
    HaLayoutSync sync;

    @Inject
    HaLayoutCleanup cleanup;

    @Inject
    KubernetesClient client;

    @Test
    void theSeamIsTheRealSyncAndReadsMembersFromTalosNodeVms() throws Exception {
        assertThat(sync).isInstanceOf(PveHaLayoutSync.class);
        assertThat(cleanup).isInstanceOf(PveHaLayoutSync.class);
        String ns = Fixtures.namespace("ha-wiring");
        client.resource(new KubernetesSerialization()
                        .unmarshal("""
                apiVersion: %s
                kind: TalosNodeVM
                metadata: {name: talos-cp-01, namespace: %s}
                spec:
                  clusterRef: {name: homelab}
                  vmid: 101
                  node: pve-ms01-01
                  role: controlplane
                  memoryMiB: 16384
                  disks: [{slot: scsi0, storage: vm-disks, sizeGiB: 100}]
                  networks: [{slot: net0, bridge: vmbr0, vlan: 16}]
                  boot: {iso: "local:iso/talos.iso"}
                  talos: {machineConfigSecretRef: {name: talos-cp-01}}
                  ha: {enabled: true, group: production}
                """.formatted(UnderlayApi.API_VERSION, ns), TalosNodeVM.class))
                .create();
        HaSim f = HaSim.pve9(HaSim.haGuest(101));
        ProxmoxCluster cluster = HaSim.cluster("""
                haGroups:
                  - {name: production, nodes: [pve-ms01-01, pve-ms01-02]}
                """);
        cluster.getMetadata().setNamespace(ns);

        HaLayoutOutcome outcome = sync.sync(cluster, f.api, f.snapshot());

        assertThat(outcome.groups()).extracting(HaGroupStatus::state).containsExactly("Created");
        assertThat(f.rule("production")).containsEntry("resources", "vm:101");
    }
}
