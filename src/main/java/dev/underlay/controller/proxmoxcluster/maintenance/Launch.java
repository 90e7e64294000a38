package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.proxmox.model.Upid;

import java.time.Instant;
import java.util.List;

/**
 * A migration the operator started and follows until the snapshot shows its outcome.
 *
 * @param upid null for HA requests: PVE's HA endpoints return no task, and the {@code hamigrate} task of a plain
 *             migrate call only queues the request, so only the guest's new node tells the outcome
 */
record Launch(Kind kind, Upid upid, List<Integer> vmids, String target, Instant at) {

    Launch {
        vmids = List.copyOf(vmids);
    }

    enum Kind {
        HA,
        MIGRATE,
        BULK
    }

    String describe() {
        String guests = vmids.size() == 1 ? "VM " + vmids.get(0) : "VMs " + vmids;
        return switch (kind) {
            case HA -> "HA moving " + guests + " to " + target;
            case MIGRATE -> "migrating " + guests + " to " + target;
            case BULK -> "bulk-migrating " + guests + " to " + target;
        };
    }
}
