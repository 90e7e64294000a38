package dev.underlay.observe;

/** Told about every snapshot published for any cluster, and about clusters that went away. */
public interface SnapshotListener {

    void published(ClusterSnapshot snapshot);

    void removed(ClusterKey cluster);
}
