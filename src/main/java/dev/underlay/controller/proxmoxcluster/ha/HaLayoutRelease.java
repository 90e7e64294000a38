package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.common.DeletionPolicy;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.controller.support.ClusterSession;
import dev.underlay.controller.support.ClusterUnreachableException;
import dev.underlay.controller.support.ConnectedCluster;
import dev.underlay.controller.support.EventPublisher;
import dev.underlay.observe.ClusterKey;
import dev.underlay.proxmox.ProxmoxApiException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

    public static final String INCOMPLETE_EVENT_REASON = "HaCleanupIncomplete";

    @Inject
    HaLayoutCleanup cleanup;

    @Inject
    EventPublisher events;

    /** @return why the deletion has to wait, when it has to */
    public Optional<String> release(ProxmoxCluster cluster, ClusterSession connection) {
        if (!mayOwnHaObjects(cluster)) {
            return Optional.empty();
        }
        ClusterKey key = ClusterKey.of(cluster);
        boolean mustFinish = cluster.getSpec().deletionPolicy() == DeletionPolicy.Delete;
        try {
            ConnectedCluster connected = connection.get();
            HaCleanupResult result = cleanup.removeOwned(cluster, connected.api(), connected.snapshot());
            Log.infof(
                    "ProxmoxCluster %s deleted: HA %s deleted %s, released %s",
                    key, result.haMode(), result.deleted(), result.released());
            return result.isComplete() ? Optional.empty() : incomplete(cluster, mustFinish, result.problems());
        } catch (ClusterUnreachableException | ProxmoxApiException | IllegalArgumentException e) {
            return incomplete(cluster, mustFinish, List.of(e.getMessage()));
        }
    }

    /**
     * Declared groups, or groups the last status still lists: a user who empties spec.haGroups and deletes the resource
     * before the next HA pass must not leave our marked groups/rules behind.
     */
    static boolean mayOwnHaObjects(ProxmoxCluster cluster) {
        boolean declared =
                cluster.getSpec() != null && !cluster.getSpec().haGroups().isEmpty();
        boolean reported = cluster.getStatus() != null
                && !cluster.getStatus().getHaGroups().isEmpty();
        return declared || reported;
    }

    private Optional<String> incomplete(ProxmoxCluster cluster, boolean mustFinish, List<String> problems) {
        String message = (mustFinish
                        ? "deletion waits: the HA groups/rules it owns are not all deleted yet: "
                        : "HA groups/rules it owns keep their ownership marker: ")
                + String.join("; ", problems)
                + (mustFinish ? " (remove the finalizer to let go of them)" : "");
        Log.warnf(
                "ProxmoxCluster %s/%s: %s",
                cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(), message);
        events.publish(cluster, EventPublisher.WARNING, INCOMPLETE_EVENT_REASON, message);
        return mustFinish ? Optional.of(message) : Optional.empty();
    }
}
