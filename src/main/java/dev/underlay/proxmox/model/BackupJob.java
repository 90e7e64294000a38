package dev.underlay.proxmox.model;

import java.util.List;

/**
 * A scheduled backup job ({@code /cluster/backup}). Synchronous CRUD. {@code vmids} is a comma list on the wire.
 * {@code nextRun} and {@code type} are read-only; {@link #withoutServerFields()} strips them for comparisons.
 * The PVE 8 {@code notification-policy}/{@code -target} options are deliberately absent: PVE 9 rejects them.
 */
public record BackupJob(
        String id,
        String schedule,
        String storage,
        List<Integer> vmids,
        Boolean all,
        String pool,
        List<Integer> exclude,
        Boolean enabled,
        String mode,
        String compress,
        PruneBackups pruneBackups,
        String notesTemplate,
        String comment,
        String notificationMode,
        String mailNotification,
        String mailTo,
        String node,
        Boolean protectedBackups,
        Boolean repeatMissed,
        Long nextRun,
        String type) {

    public BackupJob {
        vmids = ModelLists.copy(vmids);
        exclude = ModelLists.copy(exclude);
    }

    public static BackupJob of(
            String id, String schedule, String storage, List<Integer> vmids, String mode, PruneBackups retention) {
        return new BackupJob(
                id, schedule, storage, vmids, null, null, null, true, mode, "zstd", retention, null, null, null, null,
                null, null, null, null, null, null);
    }

    public BackupJob withoutServerFields() {
        return new BackupJob(
                id,
                schedule,
                storage,
                vmids,
                all,
                pool,
                exclude,
                enabled,
                mode,
                compress,
                pruneBackups,
                notesTemplate,
                comment,
                notificationMode,
                mailNotification,
                mailTo,
                node,
                protectedBackups,
                repeatMissed,
                null,
                null);
    }
}
