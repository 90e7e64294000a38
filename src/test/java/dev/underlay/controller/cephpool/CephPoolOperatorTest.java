package dev.underlay.controller.cephpool;

import dev.underlay.api.v1alpha1.UnderlayApi;
import dev.underlay.api.v1alpha1.cephpool.CephPool;
import dev.underlay.api.v1alpha1.cephpool.CephPoolConditions;
import dev.underlay.api.v1alpha1.cephpool.CephPoolStatus;
import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.connection.SimulatorRegistry;
import dev.underlay.controller.proxmoxcluster.SimulatedCluster;
import dev.underlay.controller.proxmoxcluster.SimulatedClusters;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.model.CephState;
import dev.underlay.simulator.pve.model.StorageDef;
import dev.underlay.testing.Awaits;
import dev.underlay.testing.DeployedCrds;
import dev.underlay.testing.Fixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.underlay.testing.Fixtures.readyReason;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's three pools driven by the operator on the PVE simulator through the Proxmox Ceph backend, watched as a
 * user would (status, conditions) and checked against the simulator's Ceph: created or adopted with the right
 * settings, a pg_num and min_size change converges, a pool the operator did not create is left alone, deletion of a
 * pool with data is blocked until allowed, and Retain leaves the pool.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
@TestProfile(SimulatedClusters.class)
class CephPoolOperatorTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final long MIB = 1L << 20;

    @Inject
    KubernetesClient client;

    @Inject
    SimulatorRegistry simulators;

    @Test
    void seedPoolsBecomeReadyConvergeAndAreNeverDeletedWithData() {
        String ns = Fixtures.namespace("cpool-seed");
        Awaits await = Awaits.in(client, ns);
        // the seed simulator already has vm-disks (made by hand in the seed); legacy is another hand-made pool
        PveSimulator simulator =
                PveSimulator.builder().cephPool("legacy", 3, 2, 32).build();
        SimulatedCluster sim = SimulatedCluster.register(simulators, ns, simulator);
        client.resource(sim.tokenSecret("pve-token")).create();
        ProxmoxCluster cluster = client.resource(sim.resource("homelab", "pve-token", "clusterName: homelab-pve"))
                .create();
        await.untilAsserted(
                "cluster Ready", () -> assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.RECONCILED));

        CephPool backups = create(ns, "backups", "size: 2\nminSize: 1\npgNum: 64\npgAutoscaleMode: \"warn\"");
        CephPool vmData = create(
                ns,
                "vm-data",
                "pgNum: 256\npgAutoscaleMode: \"warn\"\nproxmoxStorage: {name: vm-data, content: [images]}");
        CephPool vmDisks = create(
                ns,
                "vm-disks",
                "pgNum: 128\npgAutoscaleMode: \"warn\"\nadopt: true\nproxmoxStorage: {name: vm-disks, content: [images]}");
        CephPool legacy = create(ns, "legacy", "pgNum: 64\npgAutoscaleMode: \"warn\"");

        await.untilAsserted("the seed's pools Ready with their settings", () -> {
            assertReady(backups, 2, 1, 64);
            assertReady(vmData, 3, 2, 256);
            assertReady(vmDisks, 3, 2, 128);
        });
        assertThat(pool(sim, "backups").size).isEqualTo(2);
        assertThat(pool(sim, "backups").minSize).isEqualTo(1);
        assertThat(pool(sim, "vm-data").pgNum).isEqualTo(256);
        assertThat(pool(sim, "vm-disks").autoscaleMode)
                .as("adopted and converged")
                .isEqualTo("warn");
        assertThat(storage(sim, "vm-data")).hasValueSatisfying(s -> {
            assertThat(s.type).isEqualTo("rbd");
            assertThat(s.options).containsEntry("pool", "vm-data");
        });
        assertThat(status(vmData).getStorageRegistered()).isTrue();
        assertThat(status(vmData).getPercentUsed()).isEqualTo("0.0");
        assertThat(condition(backups, CephPoolConditions.MIN_SIZE_ONE_RISK))
                .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
        assertThat(condition(vmData, CephPoolConditions.MIN_SIZE_ONE_RISK))
                .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
        assertThat(condition(vmData, CephPoolConditions.CRUSH_RULE_VERIFIED))
                .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo(ConditionReasons.CRUSH_RULE_UNVERIFIED));

        await.untilAsserted(
                "a hand-made pool is observed, not rewritten",
                () -> assertThat(readyReason(client, legacy)).isEqualTo(ConditionReasons.OWNERSHIP_CONFLICT));
        assertThat(pool(sim, "legacy").pgNum).isEqualTo(32);

        Fixtures.edit(client, vmData, p -> {
            return withSpec(
                    p, "pgNum: 512\npgAutoscaleMode: \"warn\"\nproxmoxStorage: {name: vm-data, content: [images]}");
        });
        Fixtures.edit(client, backups, p -> withSpec(p, "size: 2\nminSize: 2\npgNum: 64\npgAutoscaleMode: \"warn\""));
        await.untilAsserted("pg_num and min_size converge", () -> {
            assertReady(vmData, 3, 2, 512);
            assertReady(backups, 2, 2, 64);
            assertThat(condition(backups, CephPoolConditions.MIN_SIZE_ONE_RISK))
                    .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
        });
        assertThat(pool(sim, "vm-data").pgNum).isEqualTo(512);

        CephPool scratch = create(ns, "scratch", "pgNum: 32\npgAutoscaleMode: \"warn\"\ndeletionPolicy: Delete");
        await.untilAsserted("scratch Ready", () -> assertReady(scratch, 3, 2, 32));
        simulator.writeToPool("scratch", 40 * MIB);
        client.resource(scratch).delete();
        await.untilAsserted(
                "deletion of a pool with data is blocked",
                () -> assertThat(condition(scratch, CephPoolConditions.DELETION_BLOCKED))
                        .hasValueSatisfying(c -> {
                            assertThat(c.getStatus()).isEqualTo("True");
                            assertThat(c.getMessage()).contains("it holds 10 objects");
                        }));
        assertThat(pool(sim, "scratch")).as("still there").isNotNull();
        Fixtures.edit(
                client,
                scratch,
                p -> withSpec(
                        p, "pgNum: 32\npgAutoscaleMode: \"warn\"\ndeletionPolicy: Delete\nallowDeleteWithData: true"));
        await.untilAsserted("allowed: deleted, finalizer gone", () -> {
            assertThat(Fixtures.fetch(client, scratch)).isNull();
            assertThat(pool(sim, "scratch")).isNull();
        });

        client.resource(backups).delete();
        await.untilAsserted(
                "Retain: the resource goes",
                () -> assertThat(Fixtures.fetch(client, backups)).isNull());
        assertThat(pool(sim, "backups")).as("Retain leaves the pool").isNotNull();
    }

    private CephPool create(String ns, String name, String spec) {
        return client.resource(SERIALIZATION.unmarshal(
                        """
                        apiVersion: %s
                        kind: CephPool
                        metadata: {name: %s, namespace: %s}
                        spec:
                          clusterRef: {name: homelab}
                        %s
                        """.formatted(UnderlayApi.API_VERSION, name, ns, spec.indent(2)), CephPool.class))
                .create();
    }

    private static CephPool withSpec(CephPool current, String spec) {
        CephPool parsed =
                SERIALIZATION.unmarshal("""
                apiVersion: %s
                kind: CephPool
                metadata: {name: x}
                spec:
                  clusterRef: {name: homelab}
                %s
                """.formatted(UnderlayApi.API_VERSION, spec.indent(2)), CephPool.class);
        current.setSpec(parsed.getSpec());
        return current;
    }

    private void assertReady(CephPool pool, int size, int minSize, int pgNum) {
        assertThat(readyReason(client, pool)).as(pool.getMetadata().getName()).isEqualTo(ConditionReasons.RECONCILED);
        CephPoolStatus status = status(pool);
        assertThat(status.getSize()).isEqualTo(size);
        assertThat(status.getMinSize()).isEqualTo(minSize);
        assertThat(status.getPgNum()).isEqualTo(pgNum);
        assertThat(status.getPgAutoscaleMode()).isEqualTo("warn");
    }

    private CephPoolStatus status(CephPool pool) {
        return Fixtures.fetch(client, pool).getStatus();
    }

    private Optional<Condition> condition(CephPool pool, String type) {
        return Fixtures.condition(client, pool, type);
    }

    private static CephState.Pool pool(SimulatedCluster sim, String name) {
        return sim.simulator.query(ctx -> ctx.model().ceph.pools.get(name));
    }

    private static Optional<StorageDef> storage(SimulatedCluster sim, String name) {
        return Optional.ofNullable(
                sim.simulator.query(ctx -> ctx.model().storages.get(name)));
    }
}
