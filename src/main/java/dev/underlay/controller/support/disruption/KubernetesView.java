package dev.underlay.controller.support.disruption;

import dev.underlay.api.v1alpha1.talosnodevm.TalosNodeVM;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Kubernetes side of one pass, read once: every Node (the cluster the operator runs in) and the TalosNodeVMs in
 * one namespace. Nodes the pass patches, or the {@link DisruptionBudget} reads again, replace the ones read first, so
 * that a later step of the same pass sees an earlier step's cordon.
 */
public final class KubernetesView {

    private final Map<String, Node> nodes;
    private final List<TalosNodeVM> talosVms;

    public KubernetesView(Map<String, Node> nodes, List<TalosNodeVM> talosVms) {
        this.nodes = new LinkedHashMap<>(nodes);
        this.talosVms = List.copyOf(talosVms);
    }

    void update(Node node) {
        nodes.put(node.getMetadata().getName(), node);
    }

    /**
     * Nodes always (their disruption marks say what a past step left to undo, even if status never recorded it);
     * TalosNodeVMs only when some step needs them.
     */
    public static KubernetesView read(KubernetesClient client, String namespace, boolean withTalosVms) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        client.nodes().list().getItems().forEach(n -> nodes.put(n.getMetadata().getName(), n));
        List<TalosNodeVM> vms = withTalosVms
                ? client.resources(TalosNodeVM.class)
                        .inNamespace(namespace)
                        .list()
                        .getItems()
                : List.of();
        return new KubernetesView(nodes, vms);
    }

    public Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    /** TalosNodeVMs of this cluster whose VM the snapshot shows on {@code pveNode}. */
    public List<TalosGuest> talosGuestsOn(String pveNode, String clusterName, ClusterSnapshot snapshot) {
        return talosVms.stream()
                .filter(vm -> vm.getSpec() != null
                        && vm.getSpec().clusterRef() != null
                        && clusterName.equals(vm.getSpec().clusterRef().name()))
                .map(TalosGuest::of)
                .filter(g -> g.vmid() != null
                        && snapshot.vm(g.vmid())
                                .map(v -> pveNode.equals(v.node()))
                                .orElse(false))
                .toList();
    }

    /**
     * Kubernetes Nodes that carry etcd: those of control-plane TalosNodeVMs in this namespace (whatever cluster they
     * live on, it is one Kubernetes cluster) and any Node labelled control-plane.
     */
    public Set<String> controlPlaneNodeNames() {
        Set<String> names = new TreeSet<>();
        talosVms.stream()
                .map(TalosGuest::of)
                .filter(TalosGuest::controlPlane)
                .map(TalosGuest::kubernetesNodeName)
                .forEach(names::add);
        nodes.values().stream()
                .filter(DisruptionMarks::isControlPlane)
                .map(n -> n.getMetadata().getName())
                .forEach(names::add);
        return names;
    }

    /** The PVE nodes whose maintenance of {@code cluster} holds some Node. */
    public Set<String> pveNodesInMaintenance(ClusterKey cluster) {
        Set<String> out = new TreeSet<>();
        nodes.values()
                .forEach(n -> DisruptionMarks.holders(n).stream()
                        .filter(h -> h instanceof DisruptionHolder.Maintenance m
                                && m.cluster().equals(cluster))
                        .forEach(h -> out.add(((DisruptionHolder.Maintenance) h).pveNode())));
        return out;
    }

    public List<Node> nodesHeldBy(DisruptionHolder holder) {
        return nodes.values().stream()
                .filter(n -> DisruptionMarks.holders(n).contains(holder))
                .toList();
    }
}
