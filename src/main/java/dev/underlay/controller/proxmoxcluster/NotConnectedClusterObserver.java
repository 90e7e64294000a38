package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;
import dev.underlay.config.UnderlayConfig;
import dev.underlay.controller.support.ConditionState;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The observer of this version: it does not connect, and says so. Ready stays False with ConnectionPending so that
 * nobody mistakes "credentials look right" for "the cluster is healthy". Replaced by issue 4's observer.
 */
@ApplicationScoped
@DefaultBean
public class NotConnectedClusterObserver implements ClusterObserver {

    static final String MESSAGE = "credentials resolved; Proxmox connection not implemented yet";

    @Inject
    UnderlayConfig config;

    @Override
    public ClusterObservation observe(ProxmoxCluster cluster, ClusterAccess access) {
        return new ClusterObservation(List.of(
                ConditionState.isFalse(ConditionTypes.READY, ConditionReasons.CONNECTION_PENDING, MESSAGE),
                ConditionState.unknown(ConditionTypes.CONNECTED, ConditionReasons.CONNECTION_PENDING, MESSAGE)),
                status -> {
                },
                config.resync().calm());
    }
}
