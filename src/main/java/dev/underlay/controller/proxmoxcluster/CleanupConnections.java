package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.connection.ClusterConnection;
import dev.underlay.connection.ProxmoxConnections;
import dev.underlay.controller.support.SecretResolver;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.observe.ClusterSnapshotTaker;
import dev.underlay.observe.SnapshotStore;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;

/**
 * The Proxmox connection a deleted ProxmoxCluster's cleanup works through, with a snapshot taken now and published: a
 * deleted resource is not reconciled any more, so nothing else refreshes the snapshot the quorum gate judges by, and
 * without it a gate closed by lost quorum would stay closed after quorum came back.
 */
@ApplicationScoped
public class CleanupConnections {

    @Inject
    ProxmoxConnections connections;

    @Inject
    SnapshotStore snapshots;

    @Inject
    Clock clock;

    /** The cluster's (quorum-gated) client and its fresh snapshot. */
    record Connected(ProxmoxApi api, ClusterSnapshot snapshot) {}

    /** Why a cleanup could not reach the cluster; the message is safe to show (no secret in it). */
    static final class Unreachable extends Exception {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The connection of one cleanup, made on first use and shared by its steps: the HA and maintenance releases then
     * cost one snapshot between them, and a cluster that does not answer costs one round of timeouts, not two.
     */
    Session session(ProxmoxCluster cluster, Context<ProxmoxCluster> context) {
        return new Session(() -> connect(cluster, context));
    }

    /** Connects at most once; a failure is kept and given to every later step. Used by one reconcile thread. */
    static final class Session {

        private final Opener opener;
        private Connected connected;
        private Unreachable unreachable;

        Session(Opener opener) {
            this.opener = opener;
        }

        Connected get() throws Unreachable {
            if (connected == null && unreachable == null) {
                try {
                    connected = opener.open();
                } catch (Unreachable e) {
                    unreachable = e;
                }
            }
            if (unreachable != null) {
                throw unreachable;
            }
            return connected;
        }
    }

    @FunctionalInterface
    interface Opener {
        Connected open() throws Unreachable;
    }

    private Connected connect(ProxmoxCluster cluster, Context<ProxmoxCluster> context) throws Unreachable {
        var access = new ClusterAccessResolver(name -> SecretResolver.find(context, name)).resolve(cluster);
        if (access.isBlocked()) {
            throw new Unreachable("cannot connect: " + access.blocker().message(), null);
        }
        ClusterKey key = ClusterKey.of(cluster);
        try {
            ClusterConnection connection =
                    connections.connect(key, ConnectedClusterObserver.request(cluster, access.access()));
            ClusterSnapshot snapshot = new ClusterSnapshotTaker(clock)
                    .take(key, connection.api(), connection.handshake().version());
            snapshots.publish(snapshot);
            return new Connected(connection.api(), snapshot);
        } catch (ProxmoxApiException | IllegalArgumentException e) {
            throw new Unreachable(e.getMessage(), e);
        }
    }
}
