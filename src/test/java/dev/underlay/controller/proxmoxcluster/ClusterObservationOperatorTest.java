package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicy;
import dev.underlay.api.v1alpha1.cephpool.CephPool;
import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterStatus;
import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.connection.SimulatorRegistry;
import dev.underlay.controller.proxmoxcluster.ha.HaLayoutRelease;
import dev.underlay.controller.proxmoxcluster.maintenance.MaintenanceEvents;
import dev.underlay.metrics.PveCallMetrics;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.VmSeed;
import dev.underlay.simulator.pve.journal.JournalEntry;
import dev.underlay.testing.Awaits;
import dev.underlay.testing.DeployedCrds;
import dev.underlay.testing.Fixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.underlay.testing.Fixtures.readyReason;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ProxmoxCluster controller against the mock API server and in-JVM simulators: status and conditions of a healthy
 * cluster, of a refused and then rotated token, of missing privileges, of an offline node, of lost quorum (with zero
 * writes while it is lost), of a wrong cluster name and of unexpected nodes.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
@TestProfile(SimulatedClusters.class)
class ClusterObservationOperatorTest {

    private static final String HOMELAB_NODES = "expectedNodes: [pve-ms01-01, pve-ms01-02, pve-aimax-01]";

    @Inject
    KubernetesClient client;

    @Inject
    SimulatorRegistry simulators;

    @Inject
    MeterRegistry meters;

    @Test
    void healthyClusterReportsItsStatus() {
        String ns = Fixtures.namespace("pxc-healthy");
        Awaits await = Awaits.in(client, ns);
        SimulatedCluster sim = SimulatedCluster.register(
                simulators,
                ns,
                PveSimulator.builder()
                        .version(PveVersion.PVE_9_1)
                        .vm(VmSeed.of(101, "pve-ms01-01")
                                .name("talos-k8s-01")
                                .disk("scsi0", "vm-disks", 8)
                                .running())
                        .build());
        client.resource(sim.tokenSecret("pve-token")).create();
        ProxmoxCluster cluster = client.resource(
                        sim.resource("homelab", "pve-token", "clusterName: homelab-pve\n" + HOMELAB_NODES))
                .create();

        await.untilAsserted("Ready with the observed status", () -> {
            assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.RECONCILED);
            assertThat(status(cluster).getNodes()).hasSize(3);
        });
        ProxmoxClusterStatus status = status(cluster);
        assertThat(status.getClusterName()).isEqualTo("homelab-pve");
        assertThat(status.getVersion()).isEqualTo("9.1.3");
        assertThat(status.getQuorate()).isTrue();
        assertThat(status.getVotes().expected()).isEqualTo(3);
        assertThat(status.getVotes().quorum()).isEqualTo(2);
        assertThat(status.getVotes().derived()).isTrue();
        assertThat(status.getNodesOnline()).isEqualTo("3/3");
        NodeStatus ms01 = status.getNodes().stream()
                .filter(n -> n.name().equals("pve-ms01-01"))
                .findFirst()
                .orElseThrow();
        assertThat(ms01.online()).isTrue();
        assertThat(ms01.maintenance()).isEqualTo(NodeStatus.MaintenanceState.None);
        assertThat(Double.parseDouble(ms01.cpu())).isBetween(0.0, 1.0);
        assertThat(ms01.memoryTotalBytes()).isEqualTo(96L << 30);
        assertThat(ms01.memoryUsedBytes()).isPositive().isLessThan(ms01.memoryTotalBytes());
        assertThat(ms01.uptimeSeconds()).isPositive();
        assertThat(status.getCeph().health()).isEqualTo("HEALTH_OK");
        assertThat(status.getCeph().osdsUp()).isEqualTo(6);
        assertThat(status.getCeph().osdsIn()).isEqualTo(6);
        assertThat(status.getCeph().osdsTotal()).isEqualTo(6);
        assertThat(status.getCeph().monsInQuorum()).isEqualTo(3);
        assertThat(status.getMissingPrivileges()).isEmpty();
        assertThat(status.getActiveEndpoint()).isEqualTo(sim.endpoint);
        assertThat(status.getLastSnapshotTime()).isNotBlank();
        assertThat(condition(cluster, ConditionTypes.CONNECTED).getStatus()).isEqualTo("True");
        assertThat(condition(cluster, ConditionTypes.QUORATE).getStatus()).isEqualTo("True");
        assertThat(condition(cluster, ConditionTypes.DEGRADED).getStatus()).isEqualTo("False");
        // the Event follows the status write it reports, so it may land a moment after the status did
        await.untilAsserted(
                "one Normal Event for becoming Ready",
                () -> assertThat(Fixtures.events(client, cluster))
                        .extracting(Event::getType, Event::getReason)
                        .containsExactly(Tuple.tuple("Normal", ConditionReasons.RECONCILED)));
        assertThat(sim.simulator.journal().entries())
                .as("observation only reads")
                .noneMatch(JournalEntry::mutating);
    }

    @Test
    void aRefusedTokenIsReportedAndARotatedOneIsUsedWithoutARestart() {
        String ns = Fixtures.namespace("pxc-token");
        Awaits await = Awaits.in(client, ns);
        SimulatedCluster sim = SimulatedCluster.register(simulators, ns, PveSimulator.homelab(PveVersion.PVE_9_1));
        client.resource(sim.tokenSecret("pve-token", "11111111-2222-4333-8444-555555555555"))
                .create();
        ProxmoxCluster cluster =
                client.resource(sim.resource("homelab", "pve-token", "")).create();

        await.untilAsserted("wrong secret -> AuthenticationFailed", () -> {
            assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.AUTHENTICATION_FAILED);
            assertThat(condition(cluster, ConditionTypes.CONNECTED).getReason())
                    .isEqualTo(ConditionReasons.AUTHENTICATION_FAILED);
        });
        assertThat(Fixtures.ready(client, cluster).orElseThrow().getMessage())
                .contains("underlay@pve!operator")
                .doesNotContain("11111111-2222");
        assertThat(condition(cluster, ConditionTypes.QUORATE).getStatus()).isEqualTo("Unknown");

        client.resource(sim.tokenSecret("pve-token")).update();
        await.untilAsserted(
                "rotated secret -> Ready",
                () -> assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.RECONCILED));
        assertThat(meters.get(PveCallMetrics.CONNECTIONS)
                        .tag("cluster", ns + "/homelab")
                        .counter()
                        .count())
                .as("one client per Secret version")
                .isEqualTo(2);
        assertThat(sim.simulator.journal().entries())
                .extracting(JournalEntry::status)
                .contains(401, 200);
    }

    @Test
    void missingPrivilegesAreNamedWithTheirPath() {
        String ns = Fixtures.namespace("pxc-privs");
        Awaits await = Awaits.in(client, ns);
        PveSimulator simulator = PveSimulator.homelab(PveVersion.PVE_8_4);
        simulator.faults().revokePrivilege(simulator.credentials().tokenId(), "Sys.Console");
        SimulatedCluster sim = SimulatedCluster.register(simulators, ns, simulator);
        client.resource(sim.tokenSecret("pve-token")).create();
        ProxmoxCluster cluster = client.resource(sim.resource(
                        "homelab", "pve-token", "haGroups: [{name: production, nodes: [pve-ms01-01, pve-ms01-02]}]"))
                .create();

        await.untilAsserted("HA layout lacks Sys.Console -> Degraded PermissionDenied, still Ready", () -> {
            assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.RECONCILED);
            Condition degraded = condition(cluster, ConditionTypes.DEGRADED);
            assertThat(degraded.getStatus()).isEqualTo("True");
            assertThat(degraded.getReason()).isEqualTo(ConditionReasons.PERMISSION_DENIED);
            assertThat(degraded.getMessage()).contains("Sys.Console on / (HA layout");
        });
        assertThat(status(cluster).getMissingPrivileges()).containsExactly("Sys.Console@/");

        String ns2 = Fixtures.namespace("pxc-audit");
        PveSimulator blind = PveSimulator.homelab(PveVersion.PVE_9_1);
        blind.faults().revokePrivilege(blind.credentials().tokenId(), "VM.Audit");
        SimulatedCluster sim2 = SimulatedCluster.register(simulators, ns2, blind);
        client.resource(sim2.tokenSecret("pve-token")).create();
        ProxmoxCluster cannotSeeGuests =
                client.resource(sim2.resource("homelab", "pve-token", "")).create();
        Awaits.in(client, ns2).untilAsserted("observation lacks VM.Audit -> not Ready", () -> {
            Condition ready = Fixtures.ready(client, cannotSeeGuests).orElseThrow();
            assertThat(ready.getReason()).isEqualTo(ConditionReasons.PERMISSION_DENIED);
            assertThat(ready.getMessage()).contains("VM.Audit on /vms");
        });
    }

    @Test
    void anOfflineNodeDegradesTheClusterAndIsNamed() {
        String ns = Fixtures.namespace("pxc-offline");
        Awaits await = Awaits.in(client, ns);
        SimulatedCluster sim = SimulatedCluster.register(simulators, ns, PveSimulator.homelab(PveVersion.PVE_9_1));
        client.resource(sim.tokenSecret("pve-token")).create();
        ProxmoxCluster cluster = client.resource(sim.resource("homelab", "pve-token", HOMELAB_NODES))
                .create();
        await.untilAsserted(
                "Ready", () -> assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.RECONCILED));

        sim.simulator.faults().nodeOffline("pve-aimax-01");
        await.untilAsserted("NodeOffline names the node; quorum (2 of 3) holds", () -> {
            Condition degraded = condition(cluster, ConditionTypes.DEGRADED);
            assertThat(degraded.getReason()).isEqualTo(ConditionReasons.NODE_OFFLINE);
            assertThat(degraded.getMessage()).contains("pve-aimax-01 is offline");
            assertThat(status(cluster).getNodesOnline()).isEqualTo("2/3");
        });
        assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.RECONCILED);
        assertThat(condition(cluster, ConditionTypes.QUORATE).getStatus()).isEqualTo("True");
        assertThat(status(cluster).getNodes().stream()
                        .filter(n -> n.name().equals("pve-aimax-01"))
                        .findFirst()
                        .orElseThrow()
                        .online())
                .isFalse();
        await.untilAsserted(
                "a Warning Event for the degradation",
                () -> assertThat(Fixtures.events(client, cluster))
                        .extracting(Event::getReason)
                        .contains(ConditionReasons.NODE_OFFLINE));
    }

    @Test
    void withoutQuorumNoControllerWritesAndEveryoneSaysQuorumLost() {
        String ns = Fixtures.namespace("pxc-quorum");
        Awaits await = Awaits.in(client, ns);
        SimulatedCluster sim = SimulatedCluster.register(
                simulators,
                ns,
                PveSimulator.builder()
                        .version(PveVersion.PVE_8_4)
                        .vm(VmSeed.of(101, "pve-ms01-01")
                                .name("talos-k8s-01")
                                .disk("scsi0", "vm-disks", 8)
                                .running())
                        .vm(VmSeed.of(102, "pve-ms01-02")
                                .name("talos-k8s-02")
                                .disk("scsi0", "vm-disks", 8)
                                .running())
                        .build());
        client.resource(sim.tokenSecret("pve-token")).create();
        // the writing stand-ins: a write on every resync, so that there is something for the gate to hold back
        ProxmoxCluster cluster = client.resource(
                        SimulatedClusters.withWritingSeams(sim.resource("homelab", "pve-token", """
                haGroups: [{name: production, nodes: [pve-ms01-01, pve-ms01-02, pve-aimax-01]}]
                maintenance: [{node: pve-ms01-02, reason: BIOS update, cephNoOut: true}]
                """)))
                .create();
        CephPool pool =
                client.resource(Fixtures.pool(ns, "vm-disks", "homelab")).create();
        BackupPolicy policy =
                client.resource(Fixtures.policy(ns, "nightly", "homelab")).create();
        client.resource(Fixtures.secret(ns, "talos-cp-01", Map.of("machineconfig", "version: v1alpha1")))
                .create();
        TalosNodeVM vm = client.resource(Fixtures.vm(ns, "talos-cp-01", "homelab", "talos-cp-01"))
                .create();

        await.untilAsserted("quorate: the seams write (HA group created, noout set every resync)", () -> {
            assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.RECONCILED);
            assertThat(sim.simulator.journal().count("POST", "/cluster/ha/groups"))
                    .isEqualTo(1);
            assertThat(sim.simulator.journal().count("PUT", "/cluster/ceph/flags/noout"))
                    .isGreaterThanOrEqualTo(2);
            assertThat(status(cluster).getNodes())
                    .anyMatch(n -> n.maintenance() == NodeStatus.MaintenanceState.Draining);
        });

        sim.simulator.faults().loseQuorum();
        await.untilAsserted("QuorumLost on the cluster and on every child", () -> {
            assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.QUORUM_LOST);
            assertThat(condition(cluster, ConditionTypes.QUORATE).getStatus()).isEqualTo("False");
            for (var child : List.of(pool, policy, vm)) {
                assertThat(readyReason(client, child)).as(child.getKind()).isEqualTo(ConditionReasons.QUORUM_LOST);
            }
        });
        int lost = sim.journalSize();
        await.untilAsserted(
                "three more snapshots while quorum is lost",
                () -> assertThat(sim.journalSince(lost))
                        .filteredOn(e -> e.path().equals("/cluster/status"))
                        .hasSizeGreaterThanOrEqualTo(3));
        assertThat(sim.journalSince(lost))
                .as("no mutating call of any controller while quorum is lost")
                .noneMatch(JournalEntry::mutating);
        assertThat(meters.get(PveCallMetrics.REFUSED)
                        .tag("cluster", ns + "/homelab")
                        .tag("method", "setCephFlag")
                        .counter()
                        .count())
                .isPositive();
        assertThat(status(cluster).getNodes())
                .as("maintenance state kept while the seam is held back")
                .anyMatch(n -> n.maintenance() == NodeStatus.MaintenanceState.Draining);

        sim.simulator.faults().restoreQuorum();
        int restored = sim.journalSize();
        await.untilAsserted("quorum back: Ready, and the seams write again", () -> {
            assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.RECONCILED);
            assertThat(sim.journalSince(restored)).anyMatch(JournalEntry::mutating);
        });
        await.untilAsserted(
                "Events for losing and regaining quorum",
                () -> assertThat(Fixtures.events(client, cluster))
                        .extracting(Event::getReason)
                        .contains(
                                ConditionReasons.QUORUM_LOST,
                                ConditionTransitionEvents.QUORUM_RESTORED,
                                MaintenanceEvents.NODE_DRAINING));
        assertThat(Fixtures.events(client, cluster))
                .filteredOn(e -> e.getReason().equals(MaintenanceEvents.NODE_DRAINING))
                .as("once, not per resync")
                .hasSize(1);
    }

    @Test
    void aWrongClusterNameOrUnexpectedNodesAreNamed() {
        String ns = Fixtures.namespace("pxc-mismatch");
        Awaits await = Awaits.in(client, ns);
        SimulatedCluster sim = SimulatedCluster.register(simulators, ns, PveSimulator.homelab(PveVersion.PVE_9_1));
        client.resource(sim.tokenSecret("pve-token")).create();
        ProxmoxCluster wrongName = client.resource(sim.resource("wrong-name", "pve-token", "clusterName: prod-pve"))
                .create();
        ProxmoxCluster wrongNodes = client.resource(sim.resource(
                        "wrong-nodes", "pve-token", "expectedNodes: [pve-ms01-01, pve-ms01-02, pve-ms01-03]"))
                .create();

        await.untilAsserted("ClusterNameMismatch and NodesMismatch with the difference", () -> {
            Condition name = Fixtures.ready(client, wrongName).orElseThrow();
            assertThat(name.getReason()).isEqualTo(ConditionReasons.CLUSTER_NAME_MISMATCH);
            assertThat(name.getMessage()).contains("prod-pve").contains("homelab-pve");
            Condition nodes = Fixtures.ready(client, wrongNodes).orElseThrow();
            assertThat(nodes.getReason()).isEqualTo(ConditionReasons.NODES_MISMATCH);
            assertThat(nodes.getMessage())
                    .contains("expected but not in the cluster: pve-ms01-03")
                    .contains("not in spec.expectedNodes: pve-aimax-01");
        });
        assertThat(status(wrongName).getClusterName()).isEqualTo("homelab-pve");
    }

    @Test
    void deletionReleasesOwnedHaGroupsAndADeleteWaitsForQuorum() {
        String ns = Fixtures.namespace("pxc-delete-ha");
        Awaits await = Awaits.in(client, ns);
        SimulatedCluster deleting =
                SimulatedCluster.register(simulators, ns + "-d", PveSimulator.homelab(PveVersion.PVE_8_4));
        SimulatedCluster retaining =
                SimulatedCluster.register(simulators, ns + "-r", PveSimulator.homelab(PveVersion.PVE_8_4));
        client.resource(Fixtures.secret(
                        ns,
                        "token-d",
                        Map.of(
                                "tokenId",
                                deleting.simulator.credentials().tokenId(),
                                "tokenSecret",
                                deleting.simulator.credentials().tokenSecret())))
                .create();
        client.resource(Fixtures.secret(
                        ns,
                        "token-r",
                        Map.of(
                                "tokenId",
                                retaining.simulator.credentials().tokenId(),
                                "tokenSecret",
                                retaining.simulator.credentials().tokenSecret())))
                .create();
        String groups = "haGroups: [{name: production, nodes: [pve-ms01-01, pve-ms01-02]}]\n";
        ProxmoxCluster delete = client.resource(
                        withNamespace(deleting.resource("deleting", "token-d", groups + "deletionPolicy: Delete"), ns))
                .create();
        ProxmoxCluster retain = client.resource(withNamespace(retaining.resource("retaining", "token-r", groups), ns))
                .create();
        await.untilAsserted("both Ready with their group created", () -> {
            assertThat(readyReason(client, delete)).isEqualTo(ConditionReasons.RECONCILED);
            assertThat(readyReason(client, retain)).isEqualTo(ConditionReasons.RECONCILED);
            assertThat(deleting.simulator.journal().count("POST", "/cluster/ha/groups"))
                    .isEqualTo(1);
            assertThat(retaining.simulator.journal().count("POST", "/cluster/ha/groups"))
                    .isEqualTo(1);
        });

        client.resource(retain).delete();
        await.untilAsserted("Retain: gone at once, the group kept with its marker stripped", () -> {
            assertThat(Fixtures.fetch(client, retain)).isNull();
            assertThat(retaining.simulator.journal().count("PUT", "/cluster/ha/groups/production"))
                    .isEqualTo(1);
        });
        assertThat(retaining.simulator.journal().count("DELETE", "/cluster/ha/groups"))
                .isZero();

        deleting.simulator.faults().loseQuorum();
        await.untilAsserted(
                "QuorumLost", () -> assertThat(readyReason(client, delete)).isEqualTo(ConditionReasons.QUORUM_LOST));
        client.resource(delete).delete();
        await.untilAsserted("Delete without quorum: the resource waits and says why", () -> {
            assertThat(Fixtures.fetch(client, delete)).isNotNull();
            assertThat(Fixtures.events(client, delete)).anySatisfy(event -> {
                assertThat(event.getReason()).isEqualTo(HaLayoutRelease.INCOMPLETE_EVENT_REASON);
                assertThat(event.getMessage()).contains("waiting for quorum");
            });
        });
        assertThat(deleting.simulator.journal().count("DELETE", "/cluster/ha/groups"))
                .isZero();
        deleting.simulator.faults().restoreQuorum();
        await.untilAsserted("quorum back: the group deleted, then the resource", () -> {
            assertThat(deleting.simulator.journal().count("DELETE", "/cluster/ha/groups/production"))
                    .isEqualTo(1);
            assertThat(Fixtures.fetch(client, delete)).isNull();
        });
    }

    private static ProxmoxCluster withNamespace(ProxmoxCluster cluster, String namespace) {
        cluster.getMetadata().setNamespace(namespace);
        return cluster;
    }

    private ProxmoxClusterStatus status(ProxmoxCluster cluster) {
        return Fixtures.fetch(client, cluster).getStatus();
    }

    private Condition condition(ProxmoxCluster cluster, String type) {
        return Fixtures.condition(client, cluster, type).orElseThrow();
    }
}
