package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterStatus;
import dev.underlay.controller.support.ClusterSession;
import dev.underlay.controller.support.ClusterUnreachableException;
import dev.underlay.controller.support.ConnectedCluster;
import dev.underlay.controller.support.EventPublisher;
import dev.underlay.observe.ClusterKey;
import dev.underlay.proxmox.ProxmoxApiException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * When a ProxmoxCluster is deleted while maintenance is requested or under way, that maintenance ends as if its
 * entries had been removed: the maintenance sync runs once more with none, so the Kubernetes Nodes it cordoned are
 * uncordoned and the Ceph noout flag it set is unset. Otherwise nobody would: the cordon marks and the flag outlive the
 * resource, and noout left behind keeps Ceph from ever re-replicating a failed OSD's data.
 *
 * <p>The deletion never waits for this (nothing on Proxmox belongs to it); what could not be undone, because the
 * cluster was unreachable or not quorate, is named in a Warning Event.
 */
@ApplicationScoped
public class MaintenanceRelease {

    public static final String LEFT_BEHIND_EVENT_REASON = "MaintenanceLeftBehind";

    @Inject
    MaintenanceSync maintenance;

    @Inject
    MaintenanceEvents transitions;

    @Inject
    EventPublisher events;

    public void release(ProxmoxCluster cluster, ClusterSession connection) {
        if (cluster.getSpec() == null || !holdsMaintenance(cluster)) {
            return;
        }
        ClusterKey key = ClusterKey.of(cluster);
        try {
            ConnectedCluster connected = connection.get();
            MaintenanceOutcome outcome =
                    maintenance.sync(withoutMaintenance(cluster), connected.api(), connected.snapshot());
            transitions.publishNodes(cluster, outcome);
            Log.infof("ProxmoxCluster %s deleted: its maintenance ended", key);
            if (outcome.cephNoOutSetByOperator()) {
                leftBehind(
                        cluster,
                        "the Ceph noout flag it set stays set (the cluster is not quorate); unset it "
                                + "with 'ceph osd unset noout' once the nodes are back");
            }
        } catch (ClusterUnreachableException | ProxmoxApiException | KubernetesClientException e) {
            leftBehind(
                    cluster,
                    "maintenance could not be ended (" + e.getMessage() + "): Kubernetes Nodes annotated "
                            + "underlay.dev/cordoned-for=" + key + ":<node> stay cordoned"
                            + (setNoOut(cluster) ? " and the Ceph noout flag it set stays set" : "")
                            + "; undo by hand");
        }
    }

    /** Entries in the spec, a node not back to None, or noout set: something to end. */
    private static boolean holdsMaintenance(ProxmoxCluster cluster) {
        if (!cluster.getSpec().maintenance().isEmpty()) {
            return true;
        }
        ProxmoxClusterStatus status = cluster.getStatus();
        return status != null
                && (setNoOut(cluster)
                        || status.getNodes().stream()
                                .anyMatch(n -> n.maintenance() != null
                                        && n.maintenance() != NodeStatus.MaintenanceState.None));
    }

    private static boolean setNoOut(ProxmoxCluster cluster) {
        return cluster.getStatus() != null
                && Boolean.TRUE.equals(cluster.getStatus().getCephNoOutSetByOperator());
    }

    /** The same resource with no maintenance entry, as after a user removed them all; status kept. */
    private static ProxmoxCluster withoutMaintenance(ProxmoxCluster cluster) {
        ProxmoxCluster ended = new ProxmoxCluster();
        ended.setMetadata(cluster.getMetadata());
        ended.setStatus(cluster.getStatus());
        ended.setSpec(cluster.getSpec().withMaintenance(List.of()));
        return ended;
    }

    private void leftBehind(ProxmoxCluster cluster, String what) {
        Log.warnf("ProxmoxCluster %s deleted: %s", ClusterKey.of(cluster), what);
        events.publish(
                cluster, EventPublisher.WARNING, LEFT_BEHIND_EVENT_REASON, "deleted during maintenance: " + what);
    }
}
