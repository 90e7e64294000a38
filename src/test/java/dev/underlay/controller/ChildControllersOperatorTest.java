package dev.underlay.controller;

import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicy;
import dev.underlay.api.v1alpha1.cephpool.CephPool;
import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.testing.Awaits;
import dev.underlay.testing.ConnectedOnLabelObserver;
import dev.underlay.testing.DeployedCrds;
import dev.underlay.testing.Fixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.underlay.testing.Fixtures.readyReason;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CephPool, TalosNodeVM and BackupPolicy against the mock API server: they follow their ProxmoxCluster (missing, then
 * present but not Ready with its reason, then Ready) and TalosNodeVM its machine-config Secret, each step triggered by
 * the watched object changing, never by a resync.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
class ChildControllersOperatorTest {

    @Inject
    KubernetesClient client;

    @Test
    void childrenMoveOnWhenTheirClusterAppearsAndWhenItsStatusChanges() {
        String ns = Fixtures.namespace("children");
        Awaits await = Awaits.in(client, ns);
        CephPool pool =
                client.resource(Fixtures.pool(ns, "vm-disks", "homelab")).create();
        BackupPolicy policy =
                client.resource(Fixtures.policy(ns, "nightly", "homelab")).create();
        client.resource(Fixtures.secret(ns, "talos-cp-01", Map.of("machineconfig", "version: v1alpha1")))
                .create();
        TalosNodeVM vm = client.resource(Fixtures.vm(ns, "talos-cp-01", "homelab", "talos-cp-01"))
                .create();

        await.untilAsserted("no cluster -> ClusterNotFound", () -> {
            assertThat(readyReason(client, pool)).isEqualTo(ConditionReasons.CLUSTER_NOT_FOUND);
            assertThat(readyReason(client, policy)).isEqualTo(ConditionReasons.CLUSTER_NOT_FOUND);
            assertThat(readyReason(client, vm)).isEqualTo(ConditionReasons.CLUSTER_NOT_FOUND);
        });
        assertThat(Fixtures.ready(client, pool).orElseThrow().getMessage())
                .contains("homelab")
                .contains(ns);

        ProxmoxCluster cluster =
                client.resource(Fixtures.cluster(ns, "homelab", "pve-token")).create();
        await.untilAsserted("cluster without credentials -> ClusterNotReady carrying its reason", () -> {
            for (var child : List.of(pool, policy, vm)) {
                Condition ready = Fixtures.ready(client, child).orElseThrow();
                assertThat(ready.getReason()).isEqualTo(ConditionReasons.CLUSTER_NOT_READY);
                assertThat(ready.getMessage()).contains(ConditionReasons.CREDENTIALS_SECRET_MISSING);
            }
        });

        client.resource(Fixtures.tokenSecret(ns, "pve-token")).create();
        await.untilAsserted("the cluster's status change wakes its children", () -> {
            assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.ENDPOINTS_UNREACHABLE);
            for (var child : List.of(pool, policy, vm)) {
                assertThat(Fixtures.ready(client, child).orElseThrow().getMessage())
                        .contains(ConditionReasons.ENDPOINTS_UNREACHABLE);
            }
        });
        // ClusterNotFound -> ClusterNotReady is one transition; a new message under the same reason is not
        assertThat(Fixtures.events(client, pool))
                .extracting(Event::getReason)
                .containsExactly(ConditionReasons.CLUSTER_NOT_FOUND, ConditionReasons.CLUSTER_NOT_READY);
    }

    @Test
    void talosNodeVmWaitsForItsMachineConfigSecretAndKey() {
        String ns = Fixtures.namespace("tnvm-secret");
        Awaits await = Awaits.in(client, ns);
        TalosNodeVM vm = client.resource(Fixtures.vm(ns, "talos-cp-01", "homelab", "talos-cp-01"))
                .create();

        await.untilAsserted("no Secret -> SecretMissing", () -> {
            Condition ready = Fixtures.ready(client, vm).orElseThrow();
            assertThat(ready.getReason()).isEqualTo(ConditionReasons.SECRET_MISSING);
            assertThat(ready.getMessage()).contains("talos-cp-01").contains("not found");
        });

        client.resource(Fixtures.secret(ns, "talos-cp-01", Map.of("other", "x")))
                .create();
        await.untilAsserted(
                "Secret without the default key -> SecretMissing naming the key",
                () -> assertThat(Fixtures.ready(client, vm).orElseThrow().getMessage())
                        .contains("has no key machineconfig"));

        String machineConfig = "machine: {type: controlplane, token: do-not-log-me}";
        client.resource(Fixtures.secret(ns, "talos-cp-01", Map.of("machineconfig", machineConfig)))
                .update();
        await.untilAsserted(
                "key present -> on to the cluster",
                () -> assertThat(readyReason(client, vm)).isEqualTo(ConditionReasons.CLUSTER_NOT_FOUND));
        assertThat(Fixtures.events(client, vm))
                .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain("do-not-log-me"));
    }

    @Test
    void withAReadyClusterChildrenSayHonestlyThatTheirControllerIsNotImplemented() {
        String ns = Fixtures.namespace("ready-cluster");
        Awaits await = Awaits.in(client, ns);
        client.resource(Fixtures.tokenSecret(ns, "pve-token")).create();
        ProxmoxCluster connected = Fixtures.cluster(ns, "homelab", "pve-token");
        connected.getMetadata().setLabels(Map.of(ConnectedOnLabelObserver.LABEL, "true"));
        ProxmoxCluster cluster = client.resource(connected).create();
        await.untilAsserted("the observer seam decides the cluster's Ready", () -> {
            assertThat(Fixtures.ready(client, cluster).orElseThrow().getStatus())
                    .isEqualTo("True");
            assertThat(Fixtures.fetch(client, cluster).getStatus().getVersion()).isEqualTo("8.3.2");
        });
        await.untilAsserted(
                "one Normal Event for becoming Ready",
                () -> assertThat(Fixtures.events(client, cluster))
                        .extracting(Event::getType)
                        .containsExactly("Normal"));

        CephPool pool =
                client.resource(Fixtures.pool(ns, "vm-disks", "homelab")).create();
        // the test observer marks the cluster Ready without connecting, so the pool controller has no client to use
        await.untilAsserted("Ready cluster without a client -> the pool waits for it", () -> {
            Condition ready = Fixtures.ready(client, pool).orElseThrow();
            assertThat(ready.getReason()).isEqualTo(ConditionReasons.WAITING_FOR_SNAPSHOT);
            assertThat(ready.getStatus()).isEqualTo("False");
        });
    }
}
