package dev.underlay.proxmox.model;

import java.util.List;

/**
 * An ad-hoc backup ({@code POST /nodes/{node}/vzdump}), a task. Null fields take the node's vzdump defaults.
 *
 * @param mode {@code snapshot}, {@code suspend} or {@code stop}
 */
public record VzdumpRequest(
        List<Integer> vmids,
        String storage,
        String mode,
        String compress,
        String notesTemplate,
        Boolean protectedBackup,
        Boolean remove,
        PruneBackups pruneBackups,
        String notificationMode,
        Integer bwlimitKiBs,
        String jobId) {

    public VzdumpRequest {
        vmids = ModelLists.copy(vmids);
        if (vmids.isEmpty()) {
            throw new IllegalArgumentException("vzdump needs at least one VMID");
        }
    }

    public static VzdumpRequest snapshot(int vmid, String storage) {
        return new VzdumpRequest(List.of(vmid), storage, "snapshot", "zstd", null, null, null, null, null, null, null);
    }
}
