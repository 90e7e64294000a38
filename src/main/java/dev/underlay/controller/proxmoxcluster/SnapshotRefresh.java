package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.connection.ClusterConnection;
import dev.underlay.connection.ConnectionRequest;
import dev.underlay.connection.ProxmoxConnections;
import dev.underlay.controller.support.ConnectedCluster;
import dev.underlay.controller.support.EventPublisher;
import dev.underlay.metrics.ClusterMetrics;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.observe.ClusterSnapshotTaker;
import dev.underlay.observe.SnapshotStore;
import dev.underlay.proxmox.ProxmoxApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;

/**
 * The first step of every ProxmoxCluster pass, the reconcile's and the deletion cleanup's alike: connect through the
 * cached client, take one snapshot and publish it to the {@link SnapshotStore}, which wakes the children whose
 * observation changed and moves the quorum gate. Nothing is written to Proxmox here.
 */
@ApplicationScoped
public class SnapshotRefresh {

    static final String INSECURE_EVENT_REASON = "InsecureSkipVerify";

    @Inject
    ProxmoxConnections connections;

    @Inject
    SnapshotStore snapshots;

    @Inject
    ClusterMetrics metrics;

    @Inject
    EventPublisher events;

    @Inject
    Clock clock;

    /** The connection that answered, its handshake and the snapshot just published. */
    record Refreshed(ClusterConnection connection, ClusterConnection.Handshake handshake, ClusterSnapshot snapshot) {

        ConnectedCluster connected() {
            return new ConnectedCluster(connection.api(), snapshot);
        }
    }

    /**
     * @throws IllegalArgumentException the connection settings are unusable (e.g. a CA bundle that does not parse)
     * @throws ProxmoxApiException      no endpoint answered as it should
     */
    Refreshed refresh(ProxmoxCluster cluster, ClusterAccess access) throws ProxmoxApiException {
        ClusterKey key = ClusterKey.of(cluster);
        ClusterConnection connection = connect(cluster, access);
        try {
            ClusterConnection.Handshake handshake = connection.handshake();
            long start = System.nanoTime();
            ClusterSnapshot snapshot = new ClusterSnapshotTaker(clock).take(key, connection.api(), handshake.version());
            metrics.snapshotTaken(snapshot, Duration.ofNanos(System.nanoTime() - start));
            snapshots.publish(snapshot);
            metrics.refreshNotBackedUp(key, connection.api());
            return new Refreshed(connection, handshake, snapshot);
        } catch (ProxmoxApiException failure) {
            metrics.unreachable(key);
            throw failure;
        }
    }

    /** The cached client; a new one with insecureSkipVerify is announced by a Warning Event, once. */
    private ClusterConnection connect(ProxmoxCluster cluster, ClusterAccess access) {
        ClusterConnection connection = connections.connect(ClusterKey.of(cluster), request(cluster, access));
        if (connection.firstUse() && access.insecureSkipVerify()) {
            events.publish(
                    cluster,
                    EventPublisher.WARNING,
                    INSECURE_EVENT_REASON,
                    "TLS certificate verification is off for " + access.endpoints()
                            + " (spec.tls.insecureSkipVerify): anyone on the path can read the API token; pin the "
                            + "certificate with spec.tls.fingerprintSha256 instead");
        }
        return connection;
    }

    static ConnectionRequest request(ProxmoxCluster cluster, ClusterAccess access) {
        return new ConnectionRequest(
                cluster.getMetadata().getUid(),
                access.endpoints(),
                access.token().tokenId(),
                access.token().tokenSecret(),
                access.credentialsVersion(),
                access.caBundlePem(),
                access.caVersion(),
                access.fingerprintSha256(),
                access.insecureSkipVerify());
    }
}
