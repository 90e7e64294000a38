package dev.underlay.controller.support;

import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.ProxmoxApi;

/** A Proxmox cluster's quorum-gated client with the snapshot just taken through it. */
public record ConnectedCluster(ProxmoxApi api, ClusterSnapshot snapshot) {}
