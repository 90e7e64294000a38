package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.controller.support.ClusterSession;
import dev.underlay.controller.support.ClusterUnreachableException;
import dev.underlay.controller.support.ConnectedCluster;
import dev.underlay.controller.support.SecretResolver;
import dev.underlay.proxmox.ProxmoxApiException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The Proxmox connection a deleted ProxmoxCluster's cleanup works through, refreshed by the same
 * {@link SnapshotRefresh} as every reconcile: a deleted resource is not reconciled any more, so nothing else refreshes
 * the snapshot the quorum gate judges by, and without it a gate closed by lost quorum would stay closed after quorum
 * came back.
 */
@ApplicationScoped
public class CleanupConnections {

    @Inject
    SnapshotRefresh refresh;

    /**
     * The connection of one cleanup, made on first use and shared by its steps: the HA and maintenance releases then
     * cost one snapshot between them, and a cluster that does not answer costs one round of timeouts, not two.
     */
    ClusterSession session(ProxmoxCluster cluster, Context<ProxmoxCluster> context) {
        return new Session(() -> connect(cluster, context));
    }

    /** Connects at most once; a failure is kept and given to every later step. Used by one reconcile thread. */
    static final class Session implements ClusterSession {

        private final ClusterSession opener;
        private ConnectedCluster connected;
        private ClusterUnreachableException unreachable;

        Session(ClusterSession opener) {
            this.opener = opener;
        }

        @Override
        public ConnectedCluster get() throws ClusterUnreachableException {
            if (connected == null && unreachable == null) {
                try {
                    connected = opener.get();
                } catch (ClusterUnreachableException e) {
                    unreachable = e;
                }
            }
            if (unreachable != null) {
                throw unreachable;
            }
            return connected;
        }
    }

    private ConnectedCluster connect(ProxmoxCluster cluster, Context<ProxmoxCluster> context)
            throws ClusterUnreachableException {
        var access = new ClusterAccessResolver(name -> SecretResolver.find(context, name)).resolve(cluster);
        if (access.isBlocked()) {
            throw new ClusterUnreachableException(
                    "cannot connect: " + access.blocker().message(), null);
        }
        try {
            return refresh.refresh(cluster, access.access()).connected();
        } catch (ProxmoxApiException | IllegalArgumentException e) {
            throw new ClusterUnreachableException(e.getMessage(), e);
        }
    }
}
