package dev.underlay.controller.proxmoxcluster;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxClusterStatus;
import dev.underlay.controller.support.ConditionState;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one observation of a Proxmox cluster yields for the status.
 *
 * @param conditions     conditions to set (at least Ready and Connected)
 * @param observedFields writes the observed status fields (version, nodes, quorum, Ceph) onto the status copy
 * @param nextCheck      when to observe again
 */
public record ClusterObservation(
        List<ConditionState> conditions, Consumer<ProxmoxClusterStatus> observedFields, Duration nextCheck) {

    public ClusterObservation {
        conditions = List.copyOf(conditions);
    }
}
