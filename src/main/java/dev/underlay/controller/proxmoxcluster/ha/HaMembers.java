package dev.underlay.controller.proxmoxcluster.ha;

import dev.underlay.api.v1alpha1.proxmoxcluster.ProxmoxCluster;

import java.util.List;

/**
 * The guests of a ProxmoxCluster that the operator places through HA. Needed on PVE 9 only, where a node-affinity
 * rule names its resources itself (on PVE 8 each HA resource names its group).
 */
public interface HaMembers {

    List<HaMember> of(ProxmoxCluster cluster);
}
