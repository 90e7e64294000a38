package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.controller.support.ha.HaPlacement;

/** One change a plan makes on the cluster. */
sealed interface HaWrite {

    record Create(HaPlacement placement) implements HaWrite {}

    record Update(HaPlacement placement) implements HaWrite {}

    record Delete(String id) implements HaWrite {}

    /** PVE 9 keeps a group's nofailback on each member resource, as {@code failback}. */
    record SetFailback(String sid, boolean failback) implements HaWrite {}
}
