package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.common.DeletionPolicy;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.connection.ClusterConnection;
import dev.underlay.connection.ProxmoxConnections;
import dev.underlay.controller.proxmoxcluster.ha.HaCleanupResult;
import dev.underlay.controller.proxmoxcluster.ha.HaLayoutCleanup;
import dev.underlay.controller.support.EventPublisher;
import dev.underlay.controller.support.SecretResolver;
import dev.underlay.observe.ClusterKey;
import dev.underlay.observe.ClusterSnapshotTaker;
import dev.underlay.observe.SnapshotStore;
import dev.underlay.proxmox.ProxmoxApiException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * When a ProxmoxCluster is deleted, its HA groups/rules are deleted (deletionPolicy Delete) or released (Retain: the
 * ownership marker stripped) through {@link HaLayoutCleanup}. Only a Delete that could not finish holds the deletion
 * back (and says so in an Event); a Retain that could not strip its markers is reported and let go, because leaving
 * a marked group behind costs nothing but a later adopt.
 */
@ApplicationScoped
public class HaLayoutRelease {

    static final String INCOMPLETE_EVENT_REASON = "HaCleanupIncomplete";

    @Inject
    Instance<HaLayoutCleanup> cleanup;

    @Inject
    ProxmoxConnections connections;

    @Inject
    EventPublisher events;

    @Inject
    SnapshotStore snapshots;

    @Inject
    Clock clock;

    /** @return why the deletion has to wait, when it has to */
    Optional<String> release(ProxmoxCluster cluster, Context<ProxmoxCluster> context) {
        if (cluster.getSpec() == null || cluster.getSpec().haGroups().isEmpty() || !cleanup.isResolvable()) {
            return Optional.empty();
        }
        ClusterKey key = ClusterKey.of(cluster);
        boolean mustFinish = cluster.getSpec().deletionPolicy() == DeletionPolicy.Delete;
        var access = new ClusterAccessResolver(name -> SecretResolver.find(context, name)).resolve(cluster);
        if (access.isBlocked()) {
            return incomplete(cluster, mustFinish, List.of("cannot connect: " + access.blocker().message()));
        }
        try {
            ClusterConnection connection = connections.connect(key,
                    ConnectedClusterObserver.request(cluster, access.access()));
            // a deleted resource is not reconciled any more, so nothing else refreshes the snapshot the quorum gate
            // judges by: without this, a gate closed by lost quorum would stay closed after quorum came back
            snapshots.publish(new ClusterSnapshotTaker(clock).take(key, connection.api(),
                    connection.handshake().version()));
            HaCleanupResult result = cleanup.get().removeOwned(cluster, connection.api());
            Log.infof("ProxmoxCluster %s deleted: HA %s deleted %s, released %s", key, result.haMode(),
                    result.deleted(), result.released());
            return result.isComplete() ? Optional.empty() : incomplete(cluster, mustFinish, result.problems());
        } catch (ProxmoxApiException | IllegalArgumentException e) {
            return incomplete(cluster, mustFinish, List.of(e.getMessage()));
        }
    }

    private Optional<String> incomplete(ProxmoxCluster cluster, boolean mustFinish, List<String> problems) {
        String message = (mustFinish ? "deletion waits: the HA groups/rules it owns are not all deleted yet: "
                : "HA groups/rules it owns keep their ownership marker: ") + String.join("; ", problems)
                + (mustFinish ? " (remove the finalizer to let go of them)" : "");
        Log.warnf("ProxmoxCluster %s/%s: %s", cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(),
                message);
        events.publish(cluster, EventPublisher.WARNING, INCOMPLETE_EVENT_REASON, message);
        return mustFinish ? Optional.of(message) : Optional.empty();
    }
}
