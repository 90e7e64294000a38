package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.config.UnderlayConfig;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.observe.ClusterKey;
import dev.underlay.proxmox.ProxmoxApiException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;

/**
 * The ProxmoxCluster pass, in three steps read top-down in {@link #observe}: refresh the snapshot
 * ({@link SnapshotRefresh}), act on it ({@link ClusterSyncs}: HA layout and maintenance), and judge the result into
 * conditions and status fields ({@link ProxmoxClusterStatusBuilder}). A refresh that fails stops the pass before
 * anything is written.
 */
@ApplicationScoped
public class ConnectedClusterObserver implements ClusterObserver {

    @Inject
    SnapshotRefresh refresh;

    @Inject
    ClusterSyncs syncs;

    @Inject
    UnderlayConfig config;

    @Override
    public ClusterObservation observe(ProxmoxCluster cluster, ClusterAccess access) {
        SnapshotRefresh.Refreshed refreshed;
        try {
            refreshed = refresh.refresh(cluster, access);
        } catch (IllegalArgumentException invalid) {
            Log.warnf("ProxmoxCluster %s: %s", ClusterKey.of(cluster), invalid.getMessage());
            return waiting(ConnectionFailures.invalidSettings(invalid));
        } catch (ProxmoxApiException failure) {
            Log.infof(
                    "ProxmoxCluster %s: no snapshot: %s: %s",
                    ClusterKey.of(cluster), ConnectionFailures.reason(failure), failure.getMessage());
            return waiting(ConnectionFailures.conditions(failure, access));
        }
        ClusterSyncs.Results acted = syncs.run(cluster, refreshed.connected());
        return judge(cluster, refreshed, acted);
    }

    private ClusterObservation judge(
            ProxmoxCluster cluster, SnapshotRefresh.Refreshed refreshed, ClusterSyncs.Results acted) {
        ClusterView view = new ClusterView(
                refreshed.snapshot(),
                PrivilegeTable.missing(
                        PrivilegeTable.enabledBy(cluster.getSpec()),
                        refreshed.handshake().version(),
                        refreshed.handshake().permissions()),
                acted.ha(),
                acted.maintenance(),
                acted.problems(),
                refreshed.connection().activeEndpoint());
        return new ClusterObservation(
                ProxmoxClusterStatusBuilder.conditions(cluster.getSpec(), view),
                status -> ProxmoxClusterStatusBuilder.fields(status, cluster.getSpec(), view),
                nextCheck(refreshed, acted));
    }

    private ClusterObservation waiting(List<ConditionState> conditions) {
        return new ClusterObservation(conditions, status -> {}, config.resync().waiting());
    }

    /**
     * Short while something moves (tasks running, a node being drained, HA objects just written), long when calm: the
     * cluster is watched closely only while it changes.
     */
    private Duration nextCheck(SnapshotRefresh.Refreshed refreshed, ClusterSyncs.Results acted) {
        boolean busy = !refreshed.snapshot().runningTasks().isEmpty() || acted.busy();
        return busy ? config.resync().busy() : config.resync().calm();
    }
}
