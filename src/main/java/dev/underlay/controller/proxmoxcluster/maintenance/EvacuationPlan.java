package dev.underlay.controller.proxmoxcluster.maintenance;

import java.util.List;

/** Where every guest on a node goes, or why they cannot all go. */
sealed interface EvacuationPlan {

    /** The node cannot be emptied; {@code reason} names the guest or the shortfall. */
    record Refused(String reason) implements EvacuationPlan {}

    record Placement(List<GuestMove> moves) implements EvacuationPlan {

        public Placement {
            moves = List.copyOf(moves);
        }
    }
}
