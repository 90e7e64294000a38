package dev.underlay.controller;

import dev.underlay.api.v1alpha1.UnderlayApi;
import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicy;
import dev.underlay.api.v1alpha1.cephpool.CephPool;
import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.testing.Awaits;
import dev.underlay.testing.DeployedCrds;
import dev.underlay.testing.Fixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.underlay.testing.Fixtures.readyReason;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Objects the mock API server lets through although the CRD schema forbids them. Each sits at Ready=False/InvalidSpec
 * with a message naming the field, is not retried (the reconcile counter of its namespace stops), and moves on as soon
 * as the spec is fixed. The operator keeps serving every other resource meanwhile.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
class BadInputOperatorTest {

    @Inject
    KubernetesClient client;

    @Inject
    MeterRegistry metrics;

    @Test
    void missingSpecIsInvalidSpecNotACrash() {
        String ns = Fixtures.namespace("no-spec");
        Awaits await = Awaits.in(client, ns);
        client.resource(Fixtures.raw("""
                apiVersion: %s
                kind: CephPool
                metadata: {name: empty, namespace: %s}
                """.formatted(UnderlayApi.API_VERSION, ns)))
                .create();
        CephPool pool = client.resources(CephPool.class)
                .inNamespace(ns)
                .withName("empty")
                .get();

        await.untilAsserted("InvalidSpec: spec is missing", () -> {
            Condition ready = Fixtures.ready(client, pool).orElseThrow();
            assertThat(ready.getReason()).isEqualTo(ConditionReasons.INVALID_SPEC);
            assertThat(ready.getMessage()).contains("spec is missing");
        });
    }

    @Test
    void crossFieldViolationIsNotRetriedAndAFixMovesItOn() {
        String ns = Fixtures.namespace("bad-pool");
        String witnessNs = Fixtures.namespace("witness");
        Awaits await = Awaits.in(client, ns);
        CephPool bad = Fixtures.pool(ns, "vm-disks", "homelab");
        bad.setSpec(withMinSize(bad, 5));
        CephPool pool = client.resource(bad).create();

        await.untilAsserted("InvalidSpec naming both fields", () -> {
            Condition ready = Fixtures.ready(client, pool).orElseThrow();
            assertThat(ready.getReason()).isEqualTo(ConditionReasons.INVALID_SPEC);
            assertThat(ready.getMessage()).contains("spec.minSize (5)").contains("spec.size (3)");
        });
        double afterVerdict = reconciles(ns);

        // a window measured in operator work, not in time: the witness pool goes through three watched transitions
        Awaits witness = Awaits.in(client, witnessNs);
        CephPool witnessPool =
                client.resource(Fixtures.pool(witnessNs, "witness", "homelab")).create();
        witness.untilAsserted(
                "witness: ClusterNotFound",
                () -> assertThat(readyReason(client, witnessPool)).isEqualTo(ConditionReasons.CLUSTER_NOT_FOUND));
        client.resource(Fixtures.cluster(witnessNs, "homelab", "pve-token")).create();
        witness.untilAsserted(
                "witness: ClusterNotReady (no credentials)",
                () -> assertThat(Fixtures.ready(client, witnessPool)
                                .orElseThrow()
                                .getMessage())
                        .contains(ConditionReasons.CREDENTIALS_SECRET_MISSING));
        client.resource(Fixtures.tokenSecret(witnessNs, "pve-token")).create();
        witness.untilAsserted(
                "witness: ClusterNotReady (endpoints unreachable)",
                () -> assertThat(Fixtures.ready(client, witnessPool)
                                .orElseThrow()
                                .getMessage())
                        .contains(ConditionReasons.ENDPOINTS_UNREACHABLE));

        assertThat(reconciles(ns))
                .as("no reconcile of the invalid pool while the operator worked elsewhere")
                .isEqualTo(afterVerdict);
        assertThat(afterVerdict)
                .as("finalizer pass + one verdict, nothing more")
                .isLessThanOrEqualTo(3);
        assertThat(Fixtures.events(client, pool)).hasSize(1);

        Fixtures.edit(client, pool, p -> {
            p.setSpec(withMinSize(p, 2));
            return p;
        });
        await.untilAsserted(
                "the fix is picked up at once",
                () -> assertThat(readyReason(client, pool)).isEqualTo(ConditionReasons.CLUSTER_NOT_FOUND));
    }

    @Test
    void schemaViolationsOfEveryKindAreReportedWithTheFieldName() {
        String ns = Fixtures.namespace("bad-kinds");
        Awaits await = Awaits.in(client, ns);

        client.resource(Fixtures.raw("""
                apiVersion: %s
                kind: ProxmoxCluster
                metadata: {name: plain-http, namespace: %s}
                spec:
                  endpoints: ["http://10.8.16.10:8006"]
                  credentialsSecretRef: {name: pve-token}
                """.formatted(UnderlayApi.API_VERSION, ns)))
                .create();
        ProxmoxCluster httpCluster = client.resources(ProxmoxCluster.class)
                .inNamespace(ns)
                .withName("plain-http")
                .get();
        TalosNodeVM twoBoots = Fixtures.vm(ns, "two-boots", "homelab", "cfg");
        client.resource(Fixtures.raw(client.getKubernetesSerialization()
                        .asYaml(twoBoots)
                        .replace("boot:\n", "boot:\n    cloneFrom:\n      vmid: 9000\n")))
                .create();
        BackupPolicy badSchedule = Fixtures.policy(ns, "bad-schedule", "homelab");
        client.resource(Fixtures.raw(client.getKubernetesSerialization()
                        .asYaml(badSchedule)
                        .replace("schedule: \"02:00\"", "schedule: \"every night\"")))
                .create();

        await.untilAsserted("each kind reports InvalidSpec with the field", () -> {
            Condition pxc = Fixtures.ready(client, httpCluster).orElseThrow();
            assertThat(pxc.getReason()).isEqualTo(ConditionReasons.INVALID_SPEC);
            assertThat(pxc.getMessage()).contains("spec.endpoints");
            assertThat(Fixtures.condition(client, httpCluster, ConditionTypes.CONNECTED)
                            .orElseThrow()
                            .getStatus())
                    .isEqualTo("Unknown");
            Condition vm = Fixtures.ready(
                            client,
                            client.resources(TalosNodeVM.class)
                                    .inNamespace(ns)
                                    .withName("two-boots")
                                    .get())
                    .orElseThrow();
            assertThat(vm.getReason()).isEqualTo(ConditionReasons.INVALID_SPEC);
            assertThat(vm.getMessage())
                    .contains("spec.boot must set exactly one")
                    .contains("(got 2)");
            Condition policy = Fixtures.ready(
                            client,
                            client.resources(BackupPolicy.class)
                                    .inNamespace(ns)
                                    .withName("bad-schedule")
                                    .get())
                    .orElseThrow();
            assertThat(policy.getReason()).isEqualTo(ConditionReasons.INVALID_SPEC);
            assertThat(policy.getMessage()).contains("spec.schedule");
        });
    }

    @Test
    void wronglyTypedFieldIsInvalidSpecAndDoesNotStopTheController() {
        String ns = Fixtures.namespace("wrong-type");
        Awaits await = Awaits.in(client, ns);
        client.resource(Fixtures.raw("""
                apiVersion: %s
                kind: CephPool
                metadata: {name: typo, namespace: %s}
                spec:
                  clusterRef: {name: homelab}
                  size: three
                """.formatted(UnderlayApi.API_VERSION, ns)))
                .create();
        CephPool typo = client.resources(CephPool.class)
                .inNamespace(ns)
                .withName("typo")
                .get();
        assertThat(typo.getSpec())
                .as("the unreadable spec is left out, not guessed")
                .isNull();
        CephPool healthy =
                client.resource(Fixtures.pool(ns, "healthy", "homelab")).create();

        await.untilAsserted("the typo is InvalidSpec naming the field, the other pool is still served", () -> {
            Condition ready = Fixtures.ready(client, typo).orElseThrow();
            assertThat(ready.getReason()).isEqualTo(ConditionReasons.INVALID_SPEC);
            assertThat(ready.getMessage()).contains("spec.size").contains("Integer");
            assertThat(readyReason(client, healthy)).isEqualTo(ConditionReasons.CLUSTER_NOT_FOUND);
        });
        var stored = client.genericKubernetesResources(UnderlayApi.API_VERSION, "CephPool")
                .inNamespace(ns)
                .withName("typo")
                .get();
        assertThat(stored.getMetadata().getAdditionalProperties())
                .as("the in-memory marker never reaches the API server")
                .isEmpty();
        assertThat(stored.getAdditionalProperties().get("spec"))
                .as("the user's spec is left as written")
                .isEqualTo(java.util.Map.of("clusterRef", java.util.Map.of("name", "homelab"), "size", "three"));
    }

    private double reconciles(String namespace) {
        return metrics.find("reconciliations.started.total").tag("namespace", namespace).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static dev.underlay.api.v1alpha1.cephpool.CephPoolSpec withMinSize(CephPool pool, int minSize) {
        var s = pool.getSpec();
        return new dev.underlay.api.v1alpha1.cephpool.CephPoolSpec(
                s.clusterRef(),
                s.poolName(),
                s.size(),
                minSize,
                s.pgNum(),
                s.pgAutoscaleMode(),
                s.targetSizeRatio(),
                s.application(),
                s.crushRule(),
                s.proxmoxStorage(),
                s.deletionPolicy(),
                s.allowDeleteWithData(),
                s.adopt(),
                s.managementPolicy());
    }
}
