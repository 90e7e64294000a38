package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupStatus;

import java.util.List;

/**
 * What to do for one spec.haGroups entry, or for one owned group/rule that is no longer declared, and the status
 * to report once the writes succeeded.
 *
 * @param order when to run relative to other plans (lower first): deletions, then rules that lose resources, then
 *              other changes, then creations, so that a guest moving from one rule to another is never named by
 *              two rules at once
 */
record GroupPlan(List<HaWrite> writes, HaGroupStatus status, int order) {

    static final int DELETE = 0;
    static final int SHRINK = 1;
    static final int CHANGE = 2;
    static final int CREATE = 3;

    GroupPlan {
        writes = List.copyOf(writes);
    }

    static GroupPlan report(HaGroupStatus status) {
        return new GroupPlan(List.of(), status, CHANGE);
    }

    boolean hasWrites() {
        return !writes.isEmpty();
    }
}
