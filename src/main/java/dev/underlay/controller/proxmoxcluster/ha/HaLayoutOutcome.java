package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.proxmoxcluster.HaGroupStatus;

import java.util.List;

/**
 * What the HA layout sync found and did.
 *
 * @param haMode  Groups (PVE 8), Rules (PVE 9) or Unknown (mixed cluster mid-upgrade, or not determined)
 * @param groups  one entry per spec.haGroups item, then one per owned group/rule no longer declared (Deleted, or
 *                Drift under Observe)
 * @param changed whether anything was written to the cluster (the observer looks again soon when true)
 */
public record HaLayoutOutcome(String haMode, List<HaGroupStatus> groups, boolean changed) {

    public HaLayoutOutcome {
        groups = List.copyOf(groups);
    }

    public static HaLayoutOutcome nothingDeclared(String haMode) {
        return new HaLayoutOutcome(haMode, List.of(), false);
    }
}
