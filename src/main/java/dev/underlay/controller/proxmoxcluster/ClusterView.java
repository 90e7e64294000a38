package dev.underlay.controller.proxmoxcluster;

import dev.underlay.controller.proxmoxcluster.ha.HaLayoutOutcome;
import dev.underlay.controller.proxmoxcluster.maintenance.MaintenanceOutcome;
import dev.underlay.observe.ClusterSnapshot;

import java.util.List;
import java.util.Optional;

/**
 * Everything one successful resync learned, the input of {@link ProxmoxClusterStatusBuilder}.
 *
 * @param missingPrivileges what the token lacks for the enabled features
 * @param haLayout          the HA layout sync's outcome; empty when it could not run (status keeps the last one)
 * @param maintenance       the maintenance sync's outcome; empty when it could not run
 * @param syncProblems      why a sync could not run, one line each (e.g. "HA layout: quorum gate closed")
 * @param activeEndpoint    the endpoint that answered
 */
public record ClusterView(
        ClusterSnapshot snapshot,
        List<PrivilegeTable.Requirement> missingPrivileges,
        Optional<HaLayoutOutcome> haLayout,
        Optional<MaintenanceOutcome> maintenance,
        List<String> syncProblems,
        String activeEndpoint) {

    public ClusterView {
        missingPrivileges = List.copyOf(missingPrivileges);
        syncProblems = List.copyOf(syncProblems);
    }
}
