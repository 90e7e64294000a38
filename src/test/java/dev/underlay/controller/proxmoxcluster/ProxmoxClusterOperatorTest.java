package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterSpec;
import dev.underlay.testing.Awaits;
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
 * The ProxmoxCluster controller against the mock API server: every reason it can report today, each one moving on as
 * soon as the Secret it waits for appears or changes, the Events that record the transitions, the finalizer, and
 * observedGeneration. Nothing here waits for a resync: the waiting resync (30 s) is as long as a whole Awaits timeout.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
class ProxmoxClusterOperatorTest {

    @Inject
    KubernetesClient client;

    @Test
    void credentialsReasonsFollowTheSecretAndEachTransitionIsOneEvent() {
        String ns = Fixtures.namespace("pxc-creds");
        Awaits await = Awaits.in(client, ns);
        ProxmoxCluster cluster =
                client.resource(Fixtures.cluster(ns, "homelab", "pve-token")).create();

        await.untilAsserted(
                "no Secret -> CredentialsSecretMissing",
                () -> assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.CREDENTIALS_SECRET_MISSING));
        Condition missing = Fixtures.ready(client, cluster).orElseThrow();
        assertThat(missing.getStatus()).isEqualTo("False");
        assertThat(missing.getMessage()).contains("pve-token");
        assertThat(Fixtures.condition(client, cluster, ConditionTypes.CONNECTED)
                        .orElseThrow()
                        .getStatus())
                .isEqualTo("Unknown");

        client.resource(Fixtures.secret(ns, "pve-token", Map.of("tokenId", Fixtures.TOKEN_ID)))
                .create();
        await.untilAsserted("tokenSecret key missing -> CredentialsSecretInvalid naming the key", () -> {
            Condition ready = Fixtures.ready(client, cluster).orElseThrow();
            assertThat(ready.getReason()).isEqualTo(ConditionReasons.CREDENTIALS_SECRET_INVALID);
            assertThat(ready.getMessage()).contains("tokenSecret");
        });

        client.resource(Fixtures.secret(
                        ns, "pve-token", Map.of("tokenId", "not-a-token-id", "tokenSecret", Fixtures.TOKEN_SECRET)))
                .update();
        await.untilAsserted("malformed tokenId -> CredentialsSecretInvalid, message without the value", () -> {
            Condition ready = Fixtures.ready(client, cluster).orElseThrow();
            assertThat(ready.getMessage()).contains("user@realm!tokenname").doesNotContain("not-a-token-id");
        });

        client.resource(Fixtures.tokenSecret(ns, "pve-token")).update();
        await.untilAsserted(
                "valid credentials -> EndpointsUnreachable (nothing answers at pve-1.invalid)",
                () -> assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.ENDPOINTS_UNREACHABLE));
        Condition connected =
                Fixtures.condition(client, cluster, ConditionTypes.CONNECTED).orElseThrow();
        assertThat(connected.getStatus()).isEqualTo("False");
        assertThat(connected.getReason()).isEqualTo(ConditionReasons.ENDPOINTS_UNREACHABLE);
        assertThat(connected.getMessage()).contains("pve-1.invalid").doesNotContain(Fixtures.TOKEN_SECRET);

        // three reason changes (Missing -> Invalid -> Unreachable); the tokenId fix kept the reason Invalid: no Event
        await.untilAsserted(
                "one Event per transition",
                () -> assertThat(Fixtures.events(client, cluster))
                        .extracting(Event::getReason)
                        .containsExactly(
                                ConditionReasons.CREDENTIALS_SECRET_MISSING,
                                ConditionReasons.CREDENTIALS_SECRET_INVALID,
                                ConditionReasons.ENDPOINTS_UNREACHABLE));
        assertThat(Fixtures.events(client, cluster)).extracting(Event::getType).containsOnly("Warning");
        assertThat(Fixtures.events(client, cluster)).allSatisfy(event -> {
            assertThat(event.getMessage()).doesNotContain(Fixtures.TOKEN_SECRET);
            assertThat(event.getInvolvedObject().getUid())
                    .isEqualTo(cluster.getMetadata().getUid());
        });
    }

    @Test
    void specEditsMoveObservedGenerationWithoutNewEvents() {
        String ns = Fixtures.namespace("pxc-gen");
        Awaits await = Awaits.in(client, ns);
        client.resource(Fixtures.tokenSecret(ns, "pve-token")).create();
        ProxmoxCluster cluster =
                client.resource(Fixtures.cluster(ns, "homelab", "pve-token")).create();
        await.untilAsserted("EndpointsUnreachable at generation 1", () -> {
            assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.ENDPOINTS_UNREACHABLE);
            assertThat(Fixtures.status(client, cluster).orElseThrow().getObservedGeneration())
                    .isEqualTo(1L);
        });
        String transitionTime = Fixtures.ready(client, cluster).orElseThrow().getLastTransitionTime();

        Fixtures.edit(
                client,
                cluster,
                c -> withEndpoints(c, List.of("https://pve-1.invalid:8006", "https://pve-2.invalid:8006")));
        Long generation = Fixtures.fetch(client, cluster).getMetadata().getGeneration();
        assertThat(generation).isGreaterThan(1L);

        await.untilAsserted("status and Ready follow the new generation", () -> {
            assertThat(Fixtures.status(client, cluster).orElseThrow().getObservedGeneration())
                    .isEqualTo(generation);
            assertThat(Fixtures.ready(client, cluster).orElseThrow().getObservedGeneration())
                    .isEqualTo(generation);
        });
        Condition ready = Fixtures.ready(client, cluster).orElseThrow();
        assertThat(ready.getLastTransitionTime())
                .as("same status: transition time kept")
                .isEqualTo(transitionTime);
        assertThat(Fixtures.events(client, cluster))
                .as("same outcome: no second Event")
                .hasSize(1);
    }

    @Test
    void caSecretReasonsFollowTheSecret() {
        String ns = Fixtures.namespace("pxc-ca");
        Awaits await = Awaits.in(client, ns);
        client.resource(Fixtures.tokenSecret(ns, "pve-token")).create();
        ProxmoxCluster cluster = client.resource(Fixtures.clusterWithCa(ns, "homelab", "pve-token", "pve-ca"))
                .create();

        await.untilAsserted("no CA Secret -> SecretMissing", () -> {
            Condition ready = Fixtures.ready(client, cluster).orElseThrow();
            assertThat(ready.getReason()).isEqualTo(ConditionReasons.SECRET_MISSING);
            assertThat(ready.getMessage()).contains("pve-ca").contains("not found");
        });
        client.resource(Fixtures.secret(ns, "pve-ca", Map.of("ca.crt", "not a certificate")))
                .create();
        await.untilAsserted(
                "not PEM -> SecretInvalid",
                () -> assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.SECRET_INVALID));
        client.resource(Fixtures.secret(ns, "pve-ca", Map.of("ca.crt", Fixtures.testCaPem())))
                .update();
        await.untilAsserted(
                "PEM CA -> EndpointsUnreachable",
                () -> assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.ENDPOINTS_UNREACHABLE));
    }

    @Test
    void finalizerIsAddedAndDeletionCompletes() {
        String ns = Fixtures.namespace("pxc-delete");
        Awaits await = Awaits.in(client, ns);
        ProxmoxCluster cluster =
                client.resource(Fixtures.cluster(ns, "homelab", "pve-token")).create();
        var pool = client.resource(Fixtures.pool(ns, "vm-disks", "homelab")).create();

        await.untilAsserted("finalizers on both", () -> {
            assertThat(Fixtures.fetch(client, cluster).getMetadata().getFinalizers())
                    .containsExactly("proxmoxclusters.underlay.dev/finalizer");
            assertThat(Fixtures.fetch(client, pool).getMetadata().getFinalizers())
                    .containsExactly("cephpools.underlay.dev/finalizer");
        });

        client.resource(cluster).delete();
        await.untilAsserted("the cluster is gone and its pool noticed", () -> {
            assertThat(Fixtures.fetch(client, cluster)).isNull();
            assertThat(readyReason(client, pool)).isEqualTo(ConditionReasons.CLUSTER_NOT_FOUND);
        });
        client.resource(pool).delete();
        await.untilAsserted(
                "the pool is gone (Retain: nothing external to wait for)",
                () -> assertThat(Fixtures.fetch(client, pool)).isNull());
    }

    private static ProxmoxCluster withEndpoints(ProxmoxCluster cluster, List<String> endpoints) {
        var spec = cluster.getSpec();
        cluster.setSpec(new ProxmoxClusterSpec(
                spec.clusterName(),
                endpoints,
                spec.credentialsSecretRef(),
                spec.tls(),
                spec.expectedNodes(),
                spec.haGroups(),
                spec.maintenance(),
                spec.vmidRange(),
                spec.ceph(),
                spec.deletionPolicy(),
                spec.managementPolicy()));
        return cluster;
    }
}
