package dev.underlay.observe;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Identifies a ProxmoxCluster resource: the unit one snapshot describes. */
public record ClusterKey(String namespace, String name) {

    /** The key of a ProxmoxCluster resource. */
    public static ClusterKey of(HasMetadata cluster) {
        return new ClusterKey(
                cluster.getMetadata().getNamespace(), cluster.getMetadata().getName());
    }

    /** The cluster a child resource refers to by name in its own namespace. */
    public static ClusterKey referencedBy(HasMetadata child, String clusterName) {
        return new ClusterKey(child.getMetadata().getNamespace(), clusterName);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
