package dev.underlay.proxmox.model;

import java.util.Map;
import java.util.Set;

/**
 * {@code GET /cluster/ha/status/manager_status}: internal CRM state (undocumented shape). The operator reads node
 * maintenance from it: {@code node_status} {@code maintenance}, a {@code maintenance} node request, or an LRM in
 * {@code maintenance} mode.
 */
public record HaManagerStatus(
        String masterNode,
        Long timestamp,
        Map<String, String> nodeStatus,
        Set<String> maintenanceRequested,
        Map<String, Lrm> lrmStatus,
        Boolean quorate,
        String quorumNode) {

    public HaManagerStatus {
        nodeStatus = ModelLists.sortedCopy(nodeStatus);
        maintenanceRequested = maintenanceRequested == null ? Set.of() : Set.copyOf(maintenanceRequested);
        lrmStatus = ModelLists.sortedCopy(lrmStatus);
    }

    /** @param mode {@code active} or {@code maintenance}; @param state e.g. {@code wait_for_agent_lock} */
    public record Lrm(String mode, String state, Long timestamp) {}

    public boolean isInMaintenance(String node) {
        Lrm lrm = lrmStatus.get(node);
        return "maintenance".equals(nodeStatus.get(node))
                || maintenanceRequested.contains(node)
                || (lrm != null && "maintenance".equals(lrm.mode()));
    }
}
