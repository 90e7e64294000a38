package dev.underlay.testing;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.controller.proxmoxcluster.ClusterAccess;
import dev.underlay.controller.proxmoxcluster.ClusterObservation;
import dev.underlay.controller.proxmoxcluster.ClusterObserver;
import dev.underlay.controller.proxmoxcluster.ConnectedClusterObserver;
import dev.underlay.controller.support.ConditionState;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;

/**
 * Test double for the ProxmoxCluster observer seam: a cluster labelled {@value #LABEL}=true is reported connected and
 * Ready (version 8.3.2) without any Proxmox behind it, so child controllers can be tested past their cluster gate with
 * no simulator; every other cluster gets the production observer.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ConnectedOnLabelObserver implements ClusterObserver {

    public static final String LABEL = "test.underlay.dev/connected";

    @Inject
    ConnectedClusterObserver production;

    @Override
    public ClusterObservation observe(ProxmoxCluster cluster, ClusterAccess access) {
        var labels = cluster.getMetadata().getLabels();
        if (labels == null || !"true".equals(labels.get(LABEL))) {
            return production.observe(cluster, access);
        }
        String message = "test observer: connected";
        return new ClusterObservation(
                List.of(
                        ConditionState.isTrue(ConditionTypes.READY, ConditionReasons.RECONCILED, message),
                        ConditionState.isTrue(ConditionTypes.CONNECTED, ConditionReasons.RECONCILED, message)),
                status -> status.setVersion("8.3.2"),
                Duration.ofMinutes(5));
    }
}
