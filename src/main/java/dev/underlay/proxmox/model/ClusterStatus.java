package dev.underlay.proxmox.model;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /cluster/status}: the {@code type=cluster} row (absent on a stand-alone node) and one row per node.
 *
 * @param clusterName   name of the corosync cluster, null on a stand-alone node
 * @param quorate       the cluster row's {@code quorate}; null on a stand-alone node
 * @param nodeCount     nodes in the corosync config, including offline ones
 * @param configVersion corosync config version
 */
public record ClusterStatus(
        String clusterName, Boolean quorate, Integer nodeCount, Integer configVersion, List<Node> nodes) {

    public ClusterStatus {
        nodes = ModelLists.copy(nodes);
    }

    /** A node row: {@code online} and {@code local} are 0/1 on the wire. */
    public record Node(String name, Integer nodeId, boolean online, String ip, boolean local, String level) {}

    public boolean isCluster() {
        return clusterName != null;
    }

    /** A stand-alone node is always able to write; a cluster only when its row says quorate. */
    public boolean isQuorate() {
        return quorate == null ? !isCluster() : quorate;
    }

    public Optional<Node> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public List<String> onlineNodes() {
        return nodes.stream().filter(Node::online).map(Node::name).toList();
    }
}
