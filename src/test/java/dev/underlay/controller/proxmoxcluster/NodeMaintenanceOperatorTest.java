package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterStatus;
import dev.underlay.connection.SimulatorRegistry;
import dev.underlay.controller.proxmoxcluster.maintenance.MaintenanceEvents;
import dev.underlay.controller.proxmoxcluster.maintenance.MaintenanceRelease;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.VmSeed;
import dev.underlay.simulator.pve.journal.JournalEntry;
import dev.underlay.testing.Awaits;
import dev.underlay.testing.DeployedCrds;
import dev.underlay.testing.Fixtures;
import dev.underlay.testing.SeenStates;
import dev.underlay.testing.TalosNodes;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.underlay.testing.Fixtures.readyReason;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's node-maintenance procedure run by the operator with the real maintenance sync: pve-ms01-02 of the
 * homelab (Talos control-plane VMs 101-103, one per node, plus an HA-managed and a plain guest on pve-ms01-02)
 * enters and leaves maintenance through spec.maintenance, watched from outside as a user would (status, Events, the
 * Kubernetes Nodes) and checked against the simulator. A maintenance that cannot complete says why and does nothing;
 * deleting the ProxmoxCluster mid-maintenance ends it, or names in a Warning Event what it could not undo.
 *
 * <p>The Kubernetes Nodes run no pods: the test server's mock has no Eviction subresource and ignores a
 * {@code spec.nodeName} field selector, so draining is proven by the component tests (MaintenanceRig's evicting
 * dispatcher), and here a drain finds the Nodes empty.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = DeployedCrds.class)
@TestProfile(SimulatedClusters.class)
class NodeMaintenanceOperatorTest {

    private static final String NODE = "pve-ms01-02";
    private static final String CORDON_ANNOTATION = "underlay.dev/cordoned-for";
    private static final List<String> CONTROL_PLANE = List.of("talos-k8s-01", "talos-k8s-02", "talos-k8s-03");

    @Inject
    KubernetesClient client;

    @Inject
    SimulatorRegistry simulators;

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void pveMs0102EntersAndLeavesMaintenance(PveVersion version) {
        String ns = Fixtures.namespace("maint-seed");
        Awaits await = Awaits.in(client, ns);
        PveSimulator simulator = PveSimulator.builder()
                .version(version)
                .vm(talos(101, "pve-ms01-01"))
                .vm(talos(102, NODE))
                .vm(talos(103, "pve-aimax-01"))
                .vm(VmSeed.of(104, NODE)
                        .name("docker-host-01")
                        .memoryMiB(8192)
                        .disk("scsi0", "vm-disks", 32)
                        .running())
                .vm(VmSeed.of(105, NODE)
                        .name("postgres-01")
                        .memoryMiB(16384)
                        .disk("scsi0", "vm-disks", 64)
                        .running()
                        .ha("started"))
                .build();
        // slow enough that Draining lasts a few resyncs, fast enough to keep the test short
        simulator.taskLatency(Duration.ofMillis(300), Duration.ofMillis(800)).haReactionDelay(Duration.ofSeconds(1));
        SimulatedCluster sim = SimulatedCluster.register(simulators, ns, simulator);
        for (int i = 1; i <= 3; i++) {
            String name = "talos-k8s-0" + i;
            client.nodes().resource(TalosNodes.readyControlPlaneNode(name)).create();
            String pveNode = List.of("pve-ms01-01", NODE, "pve-aimax-01").get(i - 1);
            client.resource(TalosNodes.controlPlane(ns, name, "homelab", 100 + i, pveNode, name, ""))
                    .create();
        }
        try {
            client.resource(sim.tokenSecret("pve-token")).create();
            ProxmoxCluster cluster = client.resource(sim.resource("homelab", "pve-token", "clusterName: homelab-pve"))
                    .create();
            await.untilAsserted("Ready, no node in maintenance", () -> {
                assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.RECONCILED);
                assertThat(status(cluster).getNodes())
                        .hasSize(3)
                        .allMatch(n -> n.maintenance() == MaintenanceState.None);
            });
            int before = sim.journalSize();
            assertThat(sim.journalSince(0)).as("nothing to do, nothing written").noneMatch(JournalEntry::mutating);

            SeenStates<MaintenanceState> seen = new SeenStates<>();
            AtomicInteger worstControlPlane = new AtomicInteger();
            editMaintenance(cluster, sim, "[{node: pve-ms01-02, reason: BIOS update, cephNoOut: true}]");
            await.untilAsserted("pve-ms01-02 drained into maintenance", () -> {
                worstControlPlane.accumulateAndGet(controlPlaneUnavailable(), Math::max);
                NodeStatus node = node(cluster);
                seen.sample(node.maintenance());
                assertThat(node.maintenance()).isEqualTo(MaintenanceState.InMaintenance);
            });

            assertThat(seen.followsOrder(
                            MaintenanceState.None, MaintenanceState.Draining, MaintenanceState.InMaintenance))
                    .as("states seen: " + seen.trail())
                    .isTrue();
            assertThat(node(cluster).message()).isEqualTo("In maintenance: BIOS update");
            assertThat(status(cluster).getCephNoOutSetByOperator()).isTrue();
            assertThat(status(cluster).getCeph().flags()).contains("noout");
            assertThat(cephFlags(sim)).contains("noout");
            Map<Integer, String> placement = placement(sim);
            assertThat(placement)
                    .as("every guest left " + NODE)
                    .doesNotContainValue(NODE)
                    .containsEntry(101, "pve-ms01-01")
                    .containsEntry(103, "pve-aimax-01")
                    .containsKeys(102, 104, 105);
            List<String> writes = writes(sim, before);
            assertThat(writes)
                    .as("HA moves its own guest")
                    .containsOnlyOnce("POST /cluster/ha/resources/vm:105/migrate");
            List<String> migrations = version == PveVersion.PVE_9_1
                    ? List.of("POST /cluster/bulk-action/guest/migrate")
                    : List.of("POST /nodes/pve-ms01-02/qemu/102/migrate", "POST /nodes/pve-ms01-02/qemu/104/migrate");
            assertThat(writes)
                    .as("9.1 migrates the others in bulk, 8.4 one by one")
                    .containsAll(migrations)
                    .filteredOn(w -> w.endsWith("/migrate") && !w.contains("/ha/"))
                    .containsOnlyElementsOf(migrations);
            assertThat(writes.indexOf("PUT /cluster/ceph/flags/noout"))
                    .as("noout before the first migration")
                    .isNotNegative()
                    .isLessThan(writes.indexOf(migrations.get(0)));
            Node cordoned = client.nodes().withName("talos-k8s-02").get();
            assertThat(cordoned.getSpec().getUnschedulable()).isTrue();
            assertThat(cordoned.getMetadata().getAnnotations())
                    .containsEntry(CORDON_ANNOTATION, ns + "/homelab:" + NODE);
            assertThat(TalosNodes.unavailable(
                            client.nodes().withName("talos-k8s-01").get()))
                    .isFalse();
            assertThat(TalosNodes.unavailable(
                            client.nodes().withName("talos-k8s-03").get()))
                    .isFalse();
            await.untilAsserted(
                    "an Event for each transition",
                    () -> assertThat(Fixtures.events(client, cluster))
                            .extracting(Event::getReason)
                            .containsSubsequence(
                                    MaintenanceEvents.NODE_DRAINING, MaintenanceEvents.NODE_IN_MAINTENANCE));
            assertThat(Fixtures.events(client, cluster))
                    .filteredOn(e -> e.getReason().equals(MaintenanceEvents.NODE_DRAINING))
                    .singleElement()
                    .extracting(Event::getMessage)
                    .asString()
                    .startsWith(NODE + ": None -> Draining (Draining: ")
                    .contains("HA moving VM 105");

            int leaving = sim.journalSize();
            editMaintenance(cluster, sim, "[]");
            await.untilAsserted("maintenance over: noout cleared, talos-k8s-02 uncordoned", () -> {
                worstControlPlane.accumulateAndGet(controlPlaneUnavailable(), Math::max);
                assertThat(node(cluster).maintenance()).isEqualTo(MaintenanceState.None);
                assertThat(status(cluster).getCephNoOutSetByOperator()).isNull();
                assertThat(cephFlags(sim)).doesNotContain("noout");
                assertThat(cordonMark(client.nodes().withName("talos-k8s-02").get()))
                        .isEmpty();
                assertThat(TalosNodes.unavailable(
                                client.nodes().withName("talos-k8s-02").get()))
                        .isFalse();
            });
            assertThat(worstControlPlane.get())
                    .as("never two control-plane Nodes unavailable at once")
                    .isEqualTo(1);
            assertThat(placement(sim)).as("guests are not moved back").isEqualTo(placement);
            assertThat(writes(sim, leaving)).containsExactly("PUT /cluster/ceph/flags/noout");
            await.untilAsserted(
                    "the end of maintenance is an Event too",
                    () -> assertThat(Fixtures.events(client, cluster))
                            .extracting(Event::getReason)
                            .containsSubsequence(
                                    MaintenanceEvents.NODE_DRAINING,
                                    MaintenanceEvents.NODE_IN_MAINTENANCE,
                                    MaintenanceEvents.NODE_MAINTENANCE_ENDED));
        } finally {
            CONTROL_PLANE.forEach(name -> client.nodes().withName(name).delete());
        }
    }

    @ParameterizedTest(name = "quorate: {0}")
    @ValueSource(booleans = {true, false})
    void deletingTheClusterMidMaintenanceEndsItOrSaysWhatIsLeft(boolean quorate) {
        String ns = Fixtures.namespace("maint-delete");
        Awaits await = Awaits.in(client, ns);
        String k8sNode = ns + "-talos-k8s-02";
        SimulatedCluster sim = SimulatedCluster.register(
                simulators,
                ns,
                PveSimulator.builder()
                        .version(PveVersion.PVE_9_1)
                        .vm(talos(102, NODE))
                        .build());
        client.nodes().resource(TalosNodes.readyControlPlaneNode(k8sNode)).create();
        try {
            client.resource(TalosNodes.controlPlane(ns, "talos-k8s-02", "homelab", 102, NODE, k8sNode, ""))
                    .create();
            client.resource(sim.tokenSecret("pve-token")).create();
            ProxmoxCluster cluster = client.resource(sim.resource(
                            "homelab",
                            "pve-token",
                            "maintenance: [{node: pve-ms01-02, reason: BIOS update, cephNoOut: true}]"))
                    .create();
            await.untilAsserted("in maintenance: Node cordoned, noout set", () -> {
                assertThat(node(cluster).maintenance()).isEqualTo(MaintenanceState.InMaintenance);
                assertThat(cordonMark(client.nodes().withName(k8sNode).get())).contains(ns + "/homelab:" + NODE);
                assertThat(cephFlags(sim)).contains("noout");
            });
            if (!quorate) {
                sim.simulator.faults().loseQuorum();
                await.untilAsserted(
                        "QuorumLost",
                        () -> assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.QUORUM_LOST));
            }

            client.resource(cluster).delete();
            await.untilAsserted("gone, its Node uncordoned", () -> {
                assertThat(Fixtures.fetch(client, cluster)).isNull();
                Node talos = client.nodes().withName(k8sNode).get();
                assertThat(TalosNodes.unavailable(talos)).as("uncordoned").isFalse();
                assertThat(cordonMark(talos)).isEmpty();
            });
            List<Event> events = Fixtures.events(client, cluster);
            assertThat(events)
                    .filteredOn(e -> e.getReason().equals(MaintenanceEvents.NODE_MAINTENANCE_ENDED))
                    .singleElement()
                    .extracting(Event::getMessage)
                    .asString()
                    .startsWith(NODE + ": InMaintenance -> None");
            if (quorate) {
                assertThat(cephFlags(sim)).as("the noout it set is unset").doesNotContain("noout");
                assertThat(events)
                        .extracting(Event::getReason)
                        .doesNotContain(MaintenanceRelease.LEFT_BEHIND_EVENT_REASON);
            } else {
                assertThat(cephFlags(sim)).as("no write without quorum").contains("noout");
                assertThat(events)
                        .filteredOn(e -> e.getReason().equals(MaintenanceRelease.LEFT_BEHIND_EVENT_REASON))
                        .singleElement()
                        .satisfies(e -> {
                            assertThat(e.getType()).isEqualTo("Warning");
                            assertThat(e.getMessage()).contains("noout flag it set stays set");
                        });
            }
        } finally {
            client.nodes().withName(k8sNode).delete();
        }
    }

    @Test
    void aGuestWithALocalDiskBlocksTheMaintenanceAndNothingIsTouched() {
        String ns = Fixtures.namespace("maint-blocked");
        Awaits await = Awaits.in(client, ns);
        String k8sNode = ns + "-talos-k8s-02";
        SimulatedCluster sim = SimulatedCluster.register(
                simulators,
                ns,
                PveSimulator.builder()
                        .version(PveVersion.PVE_8_4)
                        .vm(talos(102, NODE))
                        .vm(VmSeed.of(107, NODE)
                                .name("pihole")
                                .memoryMiB(1024)
                                .disk("scsi0", "local-zfs", 8)
                                .running())
                        .build());
        client.nodes().resource(TalosNodes.readyControlPlaneNode(k8sNode)).create();
        try {
            client.resource(TalosNodes.controlPlane(ns, "talos-k8s-02", "homelab", 102, NODE, k8sNode, ""))
                    .create();
            client.resource(sim.tokenSecret("pve-token")).create();
            ProxmoxCluster cluster = client.resource(sim.resource(
                            "homelab",
                            "pve-token",
                            "maintenance: [{node: pve-ms01-02, reason: BIOS update, cephNoOut: true}]"))
                    .create();

            String blocked = "Blocked: VM 107 has local disk local-zfs:vm-107-disk-0 (a live migration cannot take "
                    + "it: move it to shared storage or stop the VM)";
            await.untilAsserted("the status says why maintenance cannot start", () -> {
                assertThat(node(cluster).maintenance()).isEqualTo(MaintenanceState.None);
                assertThat(node(cluster).message()).isEqualTo(blocked);
            });
            int refused = sim.journalSize();
            await.untilAsserted(
                    "three more snapshots",
                    () -> assertThat(sim.journalSince(refused))
                            .filteredOn(e -> e.path().equals("/cluster/status"))
                            .hasSizeGreaterThanOrEqualTo(3));

            assertThat(node(cluster).maintenance()).isEqualTo(MaintenanceState.None);
            assertThat(node(cluster).message()).isEqualTo(blocked);
            assertThat(readyReason(client, cluster)).isEqualTo(ConditionReasons.RECONCILED);
            assertThat(sim.journalSince(0))
                    .as("nothing half-done: no noout, no migration")
                    .noneMatch(JournalEntry::mutating);
            assertThat(cephFlags(sim)).doesNotContain("noout");
            assertThat(status(cluster).getCephNoOutSetByOperator()).isNull();
            assertThat(placement(sim)).containsEntry(102, NODE).containsEntry(107, NODE);
            Node talos = client.nodes().withName(k8sNode).get();
            assertThat(TalosNodes.unavailable(talos)).as("not cordoned").isFalse();
            assertThat(cordonMark(talos)).isEmpty();
            assertThat(Fixtures.events(client, cluster))
                    .extracting(Event::getReason)
                    .doesNotContain(MaintenanceEvents.NODE_DRAINING);

            // a person must act, and sees it without -o yaml: Degraded's reason (kubectl get pxc -o wide), the
            // node's typed flag, and one Warning Event however many resyncs it stays blocked
            assertThat(node(cluster).maintenanceBlocked()).isTrue();
            var degraded = Fixtures.condition(client, cluster, "Degraded").orElseThrow();
            assertThat(degraded.getStatus()).isEqualTo("True");
            assertThat(degraded.getReason()).isEqualTo(ConditionReasons.MAINTENANCE_BLOCKED);
            assertThat(degraded.getMessage())
                    .isEqualTo("MaintenanceBlocked: maintenance of pve-ms01-02 cannot proceed: " + blocked);
            assertThat(Fixtures.events(client, cluster))
                    .filteredOn(e -> e.getReason().equals(MaintenanceEvents.MAINTENANCE_BLOCKED))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.getType()).isEqualTo("Warning");
                        assertThat(e.getMessage()).isEqualTo("maintenance of pve-ms01-02 cannot proceed: " + blocked);
                    });

            editMaintenance(cluster, sim, "[]");
            await.untilAsserted("unblocked once the request is withdrawn", () -> {
                assertThat(node(cluster).maintenanceBlocked()).isNull();
                assertThat(Fixtures.condition(client, cluster, "Degraded")
                                .orElseThrow()
                                .getStatus())
                        .isEqualTo("False");
            });
        } finally {
            client.nodes().withName(k8sNode).delete();
        }
    }

    private static VmSeed talos(int vmid, String node) {
        return VmSeed.of(vmid, node)
                .name("talos-k8s-0" + (vmid - 100))
                .memoryMiB(16384)
                .cores(8)
                .disk("scsi0", "vm-disks", 100)
                .net("net0", "virtio,bridge=vmbr0,tag=16")
                .running();
    }

    /** Replaces spec.maintenance as a user editing the resource would. */
    private void editMaintenance(ProxmoxCluster cluster, SimulatedCluster sim, String entries) {
        ProxmoxCluster wanted = sim.resource(
                cluster.getMetadata().getName(), "pve-token", "clusterName: homelab-pve\nmaintenance: " + entries);
        Fixtures.edit(client, cluster, current -> {
            current.setSpec(wanted.getSpec());
            return current;
        });
    }

    /** Control-plane Nodes cordoned or not Ready right now. */
    private int controlPlaneUnavailable() {
        return (int) CONTROL_PLANE.stream()
                .map(name -> client.nodes().withName(name).get())
                .filter(TalosNodes::unavailable)
                .count();
    }

    /** The operator's cordon mark; the mock keeps a key merge-patched to null where an API server drops it. */
    private static Optional<String> cordonMark(Node node) {
        return Optional.ofNullable(node.getMetadata().getAnnotations()).map(a -> a.get(CORDON_ANNOTATION));
    }

    private static Map<Integer, String> placement(SimulatedCluster sim) {
        return sim.simulator.query(c -> {
            Map<Integer, String> out = new TreeMap<>();
            c.model().vms.values().forEach(vm -> out.put(vm.vmid, vm.node));
            return out;
        });
    }

    private static Set<String> cephFlags(SimulatedCluster sim) {
        return sim.simulator.query(c -> Set.copyOf(c.model().ceph.flags));
    }

    /** Mutating requests since journal position {@code from}, as "METHOD path", in order. */
    private static List<String> writes(SimulatedCluster sim, int from) {
        return sim.journalSince(from).stream()
                .filter(JournalEntry::mutating)
                .map(e -> e.method() + " " + e.path())
                .toList();
    }

    private NodeStatus node(ProxmoxCluster cluster) {
        return status(cluster).getNodes().stream()
                .filter(n -> n.name().equals(NODE))
                .findFirst()
                .orElseThrow();
    }

    private ProxmoxClusterStatus status(ProxmoxCluster cluster) {
        return Fixtures.fetch(client, cluster).getStatus();
    }
}
