package dev.underlay.observe;

/** Identifies a ProxmoxCluster resource: the unit one snapshot describes. */
public record ClusterKey(String namespace, String name) {

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
