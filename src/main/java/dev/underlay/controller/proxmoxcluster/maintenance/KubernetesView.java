package dev.underlay.controller.proxmoxcluster.maintenance;

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
 * The Kubernetes side of one sync, read once: every Node (the cluster the operator runs in) and the TalosNodeVMs in
 * the ProxmoxCluster's namespace. Nodes the sync patches are replaced by the server's answer, so that a later entry
 * in the same sync sees an earlier entry's cordon (the control-plane budget depends on it).
 */
final class KubernetesView {

    private final Map<String, Node> nodes;
    private final List<TalosNodeVM> talosVms;

    KubernetesView(Map<String, Node> nodes, List<TalosNodeVM> talosVms) {
        this.nodes = new LinkedHashMap<>(nodes);
        this.talosVms = List.copyOf(talosVms);
    }

    void update(Node node) {
        nodes.put(node.getMetadata().getName(), node);
    }

    /**
     * Nodes always (their cordon marks say what a past entry left to undo, even if status never recorded it);
     * TalosNodeVMs only when some entry needs them.
     */
    static KubernetesView read(KubernetesClient client, String namespace, boolean withTalosVms) {
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

    Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    /** TalosNodeVMs of this cluster whose VM the snapshot shows on {@code pveNode}. */
    List<TalosGuest> talosGuestsOn(String pveNode, String clusterName, ClusterSnapshot snapshot) {
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
    Set<String> controlPlaneNodeNames() {
        Set<String> names = new TreeSet<>();
        talosVms.stream()
                .map(TalosGuest::of)
                .filter(TalosGuest::controlPlane)
                .map(TalosGuest::kubernetesNodeName)
                .forEach(names::add);
        nodes.values().stream()
                .filter(CordonMarks::isControlPlane)
                .map(n -> n.getMetadata().getName())
                .forEach(names::add);
        return names;
    }

    /** Owners from this ProxmoxCluster found on any Node, by PVE node. */
    Set<String> pveNodesWithCordons(ClusterKey cluster) {
        Set<String> out = new TreeSet<>();
        nodes.values()
                .forEach(n -> CordonMarks.owners(n).stream()
                        .filter(o -> o.cluster().equals(cluster))
                        .forEach(o -> out.add(o.pveNode())));
        return out;
    }

    List<Node> nodesMarkedBy(MaintenanceOwner owner) {
        return nodes.values().stream()
                .filter(n -> CordonMarks.owners(n).contains(owner))
                .toList();
    }
}
