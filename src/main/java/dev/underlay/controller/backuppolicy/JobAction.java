package dev.underlay.controller.backuppolicy;

import dev.underlay.proxmox.model.BackupJob;

import java.util.List;

/** The one write a BackupPolicy plan makes to its Proxmox backup job. All are synchronous on Proxmox. */
sealed interface JobAction {

    /** {@code POST /cluster/backup}. */
    record Create(BackupJob job) implements JobAction {}

    /**
     * {@code PUT /cluster/backup/{id}} with the whole desired job.
     *
     * @param changed the managed fields that differ, for the Event
     * @param clear   fields to remove (PUT's delete list)
     */
    record Update(BackupJob job, List<String> changed, List<String> clear) implements JobAction {
        public Update {
            changed = List.copyOf(changed);
            clear = List.copyOf(clear);
        }
    }

    /** deletionPolicy Retain: the job keeps running, only the ownership marker leaves its comment. */
    record Release(BackupJob job) implements JobAction {}

    /** deletionPolicy Delete: {@code DELETE /cluster/backup/{id}}; the archives stay. */
    record Delete(String jobId) implements JobAction {}
}
