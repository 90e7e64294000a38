package dev.underlay.proxmox.model;

import java.util.List;

/**
 * A PVE 8 HA group ({@code /cluster/ha/groups}). Deprecated in PVE 9, where groups are migrated to node-affinity
 * rules and the endpoint answers 500.
 */
public record HaGroup(
        String group, List<NodePriority> nodes, Boolean restricted, Boolean nofailback, String comment, String digest) {

    public HaGroup {
        nodes = ModelLists.copy(nodes);
    }
}
