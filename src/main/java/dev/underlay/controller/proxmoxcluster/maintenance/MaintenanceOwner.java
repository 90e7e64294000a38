package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.observe.ClusterKey;

import java.util.Optional;

/**
 * One maintenance entry as the owner of a cordon: {@code <namespace>/<cluster>:<pve-node>}. Written on the Kubernetes
 * Node so that, after a restart or once the entry is gone, the operator uncordons exactly what it cordoned.
 */
record MaintenanceOwner(ClusterKey cluster, String pveNode) {

    static MaintenanceOwner of(ClusterKey cluster, String pveNode) {
        return new MaintenanceOwner(cluster, pveNode);
    }

    static Optional<MaintenanceOwner> parse(String text) {
        int slash = text.indexOf('/');
        int colon = text.lastIndexOf(':');
        if (slash <= 0 || colon <= slash + 1 || colon == text.length() - 1) {
            return Optional.empty();
        }
        ClusterKey cluster = new ClusterKey(text.substring(0, slash), text.substring(slash + 1, colon));
        return Optional.of(new MaintenanceOwner(cluster, text.substring(colon + 1)));
    }

    String value() {
        return cluster + ":" + pveNode;
    }

    @Override
    public String toString() {
        return value();
    }
}
