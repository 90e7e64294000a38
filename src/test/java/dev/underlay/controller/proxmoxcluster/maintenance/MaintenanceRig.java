package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.api.v1alpha1.UnderlayApi;
import dev.underlay.api.v1alpha1.proxmoxcluster.MaintenanceSpec;
import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterStatus;
import dev.underlay.controller.support.disruption.DisruptionBudget;
import dev.underlay.controller.support.disruption.DisruptionMarks;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.VmResource;
import dev.underlay.proxmox.rest.PveRestApi;
import dev.underlay.simulator.pve.ManualClock;
import dev.underlay.simulator.pve.PveSimulator;
import dev.underlay.simulator.pve.PveSimulatorBuilder;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.SimulatorTransport;
import dev.underlay.simulator.pve.VmSeed;
import dev.underlay.testing.DeployedCrds;
import dev.underlay.testing.TalosNodes;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static dev.underlay.simulator.pve.PveSimulatorBuilder.AIMAX_01;
import static dev.underlay.simulator.pve.PveSimulatorBuilder.MS01_01;
import static dev.underlay.simulator.pve.PveSimulatorBuilder.MS01_02;

/**
 * The seed homelab on both sides, for stepping node maintenance the way the cluster observer drives it: a PVE
 * simulator on a manual clock (talos-k8s-01..03 as VMs 101..103, one per node, plus extra guests), the REST client
 * over it, and a fabric8 CRUD mock API server holding the three Talos Kubernetes Nodes, their TalosNodeVMs and a few
 * pods. Each {@link #step()} advances the clock, takes a fresh snapshot, calls the sync and writes its outcome into the
 * ProxmoxCluster status as the observer does, checking the control-plane budget after every step.
 */
final class MaintenanceRig implements AutoCloseable {

    static final String NAMESPACE = "homelab";
    static final String CLUSTER = "homelab";
    static final Duration STEP = Duration.ofSeconds(5);
    static final List<String> CONTROL_PLANE = List.of("talos-k8s-01", "talos-k8s-02", "talos-k8s-03");
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    final ManualClock clock = new ManualClock(Instant.parse("2025-06-01T10:00:00Z"));
    final PveSimulator sim;
    final ProxmoxApi api;
    final EvictingCrudDispatcher dispatcher = new EvictingCrudDispatcher();
    final KubernetesMockServer server;
    final KubernetesClient kube;
    final ClusterKey key = new ClusterKey(NAMESPACE, CLUSTER);
    /** Every outcome, oldest first. */
    final List<MaintenanceOutcome> outcomes = new ArrayList<>();
    /** The largest number of control-plane Nodes cordoned or not Ready at once, over all steps. */
    int worstControlPlaneUnavailable;

    NodeMaintenanceSync sync;
    private ProxmoxCluster cluster;

    private MaintenanceRig(PveVersion version, Consumer<PveSimulatorBuilder> guests) throws Exception {
        PveSimulatorBuilder builder = PveSimulator.builder()
                .version(version)
                .clock(clock)
                .vm(talos(101, "talos-k8s-01", MS01_01))
                .vm(talos(102, "talos-k8s-02", MS01_02))
                .vm(talos(103, "talos-k8s-03", AIMAX_01));
        guests.accept(builder);
        sim = builder.build();
        sim.haReactionDelay(Duration.ofSeconds(3));
        api = new PveRestApi(
                SimulatorTransport.of(sim), dev.underlay.proxmox.model.PveVersion.parse(version.version()));
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        kube = server.createClient();
        DeployedCrds.create(kube);
        for (int i = 1; i <= 3; i++) {
            String name = "talos-k8s-0" + i;
            kube.nodes().resource(node(name)).create();
            kube.resource(TalosNodes.controlPlane(
                            NAMESPACE,
                            name,
                            CLUSTER,
                            100 + i,
                            List.of(MS01_01, MS01_02, AIMAX_01).get(i - 1),
                            name,
                            ""))
                    .create();
        }
        sync = new NodeMaintenanceSync(kube, clock, new DisruptionBudget(kube));
        maintenance();
    }

    /** The seed plus the extra guests the consumer adds; PVE version as given. */
    static MaintenanceRig seed(PveVersion version, Consumer<PveSimulatorBuilder> guests) throws Exception {
        return new MaintenanceRig(version, guests);
    }

    /** Extra guests on pve-ms01-02: a plain running VM, an HA-managed one and a stopped one. */
    static void extraGuests(PveSimulatorBuilder builder) {
        builder.vm(VmSeed.of(104, MS01_02)
                        .name("docker-host-01")
                        .memoryMiB(8192)
                        .cores(4)
                        .disk("scsi0", "vm-disks", 32)
                        .running())
                .vm(VmSeed.of(105, MS01_02)
                        .name("postgres-01")
                        .memoryMiB(16384)
                        .cores(4)
                        .disk("scsi0", "vm-disks", 64)
                        .running()
                        .ha("started"))
                .vm(VmSeed.of(106, MS01_02)
                        .name("media-server")
                        .memoryMiB(4096)
                        .cores(2)
                        .disk("scsi0", "vm-disks", 16));
    }

    static VmSeed talos(int vmid, String name, String node) {
        return VmSeed.of(vmid, node)
                .name(name)
                .memoryMiB(16384)
                .cores(8)
                .disk("scsi0", "vm-disks", 100)
                .net("net0", "virtio,bridge=vmbr0,tag=16")
                .running();
    }

    /** Replaces spec.maintenance (as a user editing the ProxmoxCluster would); status is kept. */
    void maintenance(MaintenanceSpec... entries) {
        maintenance("Manage", entries);
    }

    void maintenance(String policy, MaintenanceSpec... entries) {
        String list = Arrays.stream(entries)
                .map(e -> "{node: %s, reason: \"%s\", cephNoOut: %s}".formatted(e.node(), e.reason(), e.isCephNoOut()))
                .collect(Collectors.joining(", "));
        ProxmoxCluster next = YAML.unmarshal(
                """
                apiVersion: %s
                kind: ProxmoxCluster
                metadata: {name: %s, namespace: %s}
                spec:
                  clusterName: homelab-pve
                  endpoints: ["https://10.8.16.10:8006"]
                  credentialsSecretRef: {name: pve-api-token}
                  managementPolicy: %s
                  maintenance: [%s]
                """.formatted(UnderlayApi.API_VERSION, CLUSTER, NAMESPACE, policy, list), ProxmoxCluster.class);
        next.setStatus(cluster == null ? new ProxmoxClusterStatus() : cluster.getStatus());
        cluster = next;
    }

    ProxmoxClusterStatus status() {
        return cluster.getStatus();
    }

    /** One resync: time passes, a fresh snapshot, one sync, its outcome written to status. */
    MaintenanceOutcome step() throws ProxmoxApiException {
        clock.advance(STEP);
        ClusterSnapshot snapshot = snapshot();
        MaintenanceOutcome outcome = sync.sync(cluster, api, snapshot);
        writeStatus(snapshot, outcome);
        outcomes.add(outcome);
        worstControlPlaneUnavailable = Math.max(worstControlPlaneUnavailable, controlPlaneUnavailable());
        return outcome;
    }

    /** Steps until {@code done} holds; fails after {@code maxSteps} (a bounded loop, never a hang). */
    MaintenanceOutcome stepUntil(Predicate<MaintenanceOutcome> done, int maxSteps) throws ProxmoxApiException {
        for (int i = 0; i < maxSteps; i++) {
            MaintenanceOutcome outcome = step();
            if (done.test(outcome)) {
                return outcome;
            }
        }
        throw new AssertionError("not reached in " + maxSteps + " steps; last outcome: " + last().orElse(null));
    }

    ClusterSnapshot snapshot() throws ProxmoxApiException {
        return SnapshotReader.take(key, api, clock);
    }

    /** A new operator process: same cluster state and status, empty memory. */
    void restartOperator() {
        sync = new NodeMaintenanceSync(kube, clock, new DisruptionBudget(kube));
    }

    /** Distinct consecutive states of one node across all outcomes. */
    List<MaintenanceState> transitions(String node) {
        List<MaintenanceState> states = new ArrayList<>();
        for (MaintenanceOutcome outcome : outcomes) {
            MaintenanceState state = outcome.of(node).state();
            if (states.isEmpty() || states.get(states.size() - 1) != state) {
                states.add(state);
            }
        }
        return states;
    }

    Map<Integer, String> placement() throws ProxmoxApiException {
        Map<Integer, String> out = new LinkedHashMap<>();
        snapshot().vms().stream()
                .sorted(Comparator.comparingInt(VmResource::vmid))
                .forEach(v -> out.put(v.vmid(), v.node()));
        return out;
    }

    Node kubeNode(String name) {
        return kube.nodes().withName(name).get();
    }

    boolean cordoned(String name) {
        return DisruptionMarks.isCordoned(kubeNode(name));
    }

    void pod(String namespace, String name, String nodeName, String ownerKind) {
        PodBuilder pod = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withNodeName(nodeName)
                .addNewContainer()
                .withName("c")
                .withImage("busybox")
                .endContainer()
                .endSpec();
        if (ownerKind != null) {
            pod.editMetadata()
                    .addNewOwnerReference()
                    .withApiVersion("apps/v1")
                    .withKind(ownerKind)
                    .withName(name + "-owner")
                    .withUid("uid-" + name)
                    .withController(true)
                    .endOwnerReference()
                    .endMetadata();
        }
        kube.pods().inNamespace(namespace).resource(pod.build()).create();
    }

    void mirrorPod(String namespace, String name, String nodeName) {
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .addToAnnotations("kubernetes.io/config.mirror", "hash")
                .endMetadata()
                .withNewSpec()
                .withNodeName(nodeName)
                .addNewContainer()
                .withName("c")
                .withImage("busybox")
                .endContainer()
                .endSpec()
                .build();
        kube.pods().inNamespace(namespace).resource(pod).create();
    }

    List<String> podsOn(String nodeName) {
        return kube.pods().inAnyNamespace().list().getItems().stream()
                .filter(p -> nodeName.equals(p.getSpec().getNodeName()))
                .map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())
                .sorted()
                .toList();
    }

    void setReady(String nodeName, boolean ready) {
        Node node = kubeNode(nodeName);
        node.getStatus().getConditions().forEach(c -> {
            if ("Ready".equals(c.getType())) {
                c.setStatus(ready ? "True" : "False");
            }
        });
        kube.nodes().resource(node).updateStatus();
    }

    /** Control-plane Nodes that are cordoned or not Ready right now. */
    int controlPlaneUnavailable() {
        return (int) CONTROL_PLANE.stream()
                .map(this::kubeNode)
                .filter(Objects::nonNull)
                .filter(n -> DisruptionMarks.isCordoned(n) || !DisruptionMarks.isReady(n))
                .count();
    }

    /** Mutating PVE calls so far (the simulator's journal), as "METHOD path". */
    List<String> mutations() {
        return sim.journal().entries().stream()
                .filter(e -> !"GET".equals(e.method()))
                .map(e -> e.method() + " " + e.path())
                .toList();
    }

    private void writeStatus(ClusterSnapshot snapshot, MaintenanceOutcome outcome) {
        List<NodeStatus> nodes = snapshot.nodes().stream()
                .map(n -> new NodeStatus(
                        n.node(),
                        n.isOnline(),
                        outcome.of(n.node()).state(),
                        null,
                        null,
                        null,
                        null,
                        outcome.of(n.node()).message(),
                        outcome.of(n.node()).blocked() ? true : null))
                .toList();
        cluster.getStatus().setNodes(nodes);
        cluster.getStatus().setCephNoOutSetByOperator(outcome.cephNoOutSetByOperator());
    }

    private static Node node(String name) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("node-role.kubernetes.io/control-plane", "")
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .withNewStatus()
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build();
    }

    Optional<MaintenanceOutcome> last() {
        return outcomes.isEmpty() ? Optional.empty() : Optional.of(outcomes.get(outcomes.size() - 1));
    }

    @Override
    public void close() {
        kube.close();
        server.destroy();
    }
}
