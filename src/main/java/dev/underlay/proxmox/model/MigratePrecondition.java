package dev.underlay.proxmox.model;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /nodes/{node}/qemu/{vmid}/migrate}: whether and where the VM can go.
 *
 * @param notAllowedNodes node to the reasons it is excluded (unavailable storages, blocking HA resources)
 */
public record MigratePrecondition(
        boolean running,
        List<String> allowedNodes,
        Map<String, List<String>> notAllowedNodes,
        List<LocalDisk> localDisks,
        List<String> localResources,
        List<String> mappedResources,
        List<String> dependentHaResources) {

    public MigratePrecondition {
        allowedNodes = ModelLists.copy(allowedNodes);
        notAllowedNodes = ModelLists.sortedCopy(notAllowedNodes);
        localDisks = ModelLists.copy(localDisks);
        localResources = ModelLists.copy(localResources);
        mappedResources = ModelLists.copy(mappedResources);
        dependentHaResources = ModelLists.copy(dependentHaResources);
    }

    /** A disk on node-local storage (CD-ROMs and unused volumes included, as PVE lists them). */
    public record LocalDisk(String volid, Long size, boolean cdrom, boolean unused) {}
}
