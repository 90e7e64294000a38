package dev.underlay.proxmox.model;

import java.util.List;

/**
 * PVE 9 answer to HA migrate/relocate: other resources that move along (positive affinity) and resources that
 * block the move (negative affinity). PVE 8 answers null, which the client maps to an empty Optional.
 */
public record HaMigrationResult(
        String sid, String requestedNode, List<String> comigratedResources, List<Blocking> blockingResources) {

    public HaMigrationResult {
        comigratedResources = ModelLists.copy(comigratedResources);
        blockingResources = ModelLists.copy(blockingResources);
    }

    public record Blocking(String sid, String cause) {}
}
