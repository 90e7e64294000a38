package dev.underlay.controller.proxmoxcluster;

import dev.underlay.connection.ProxmoxConnections;
import dev.underlay.metrics.ClusterMetrics;
import dev.underlay.metrics.PveCallMetrics;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.SnapshotStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What this operator process keeps about a ProxmoxCluster outside Kubernetes: its client, its latest snapshot (which
 * its children act on), its metric series and the sync cadence. Forgotten together when the resource is deleted.
 */
@ApplicationScoped
public class LocalClusterState {

    @Inject
    ProxmoxConnections connections;

    @Inject
    SnapshotStore snapshots;

    @Inject
    ClusterMetrics clusterMetrics;

    @Inject
    PveCallMetrics callMetrics;

    @Inject
    SyncCadence cadence;

    void forget(ClusterKey cluster) {
        connections.disconnect(cluster);
        snapshots.remove(cluster);
        clusterMetrics.forget(cluster);
        callMetrics.forget(cluster);
        cadence.forget(cluster);
    }
}
