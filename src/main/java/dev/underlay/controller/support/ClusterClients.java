package dev.underlay.controller.support;

import dev.underlay.connection.ProxmoxConnections;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.observe.SnapshotStore;
import dev.underlay.proxmox.ProxmoxApi;
import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * How a child controller reaches Proxmox: through the quorum-gated client the ProxmoxCluster controller opened for its
 * cluster and the snapshot that controller published last. A child never opens a connection of its own (it would need
 * the credentials Secret and would bypass the per-cluster rate limiter); until the cluster controller has connected
 * and observed once there is nothing to use, and the child waits.
 */
@ApplicationScoped
public class ClusterClients {

    @Inject
    ProxmoxConnections connections;

    @Inject
    SnapshotStore snapshots;

    /** The client and latest snapshot of the cluster {@code child} refers to by name; empty until both exist. */
    public Optional<ConnectedCluster> connected(HasMetadata child, String clusterName) {
        ClusterKey key = ClusterKey.referencedBy(child, clusterName);
        Optional<ProxmoxApi> api = connections.api(key);
        Optional<ClusterSnapshot> snapshot = snapshots.latest(key);
        if (api.isEmpty() || snapshot.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ConnectedCluster(api.get(), snapshot.get()));
    }
}
