package dev.underlay.proxmox.model;

import java.util.List;

/**
 * PVE 9.1+ {@code POST /cluster/bulk-action/guest/migrate}: move guests (all, or {@code vms}) to {@code target},
 * e.g. to evacuate a node before maintenance. One UPID for the whole batch.
 */
public record BulkMigrateRequest(
        String target, List<Integer> vms, Boolean online, Integer maxWorkers, Boolean withLocalDisks) {

    public BulkMigrateRequest {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("bulk migrate needs a target node");
        }
        vms = ModelLists.copy(vms);
    }
}
