package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.api.v1alpha1.proxmoxcluster.NodeStatus.MaintenanceState;

/**
 * Where one maintenance entry stands after a step, and whether it needs the short resync.
 *
 * @param blocked whether the entry cannot proceed until a person acts
 */
record EntryResult(MaintenanceState state, String message, boolean inProgress, boolean blocked) {

    EntryResult(MaintenanceState state, String message, boolean inProgress) {
        this(state, message, inProgress, false);
    }
}
