package dev.underlay.observe;

import dev.underlay.proxmox.model.TaskSummary;

import java.util.Comparator;
import java.util.List;

/**
 * What a BackupPolicy reconcile needs from a snapshot: the backup tasks of the guests it covers, so that a backup
 * starting or finishing wakes it to record the run. PVE does not name the job in a vzdump task, so tasks are matched
 * by the guests they back up ({@code id} is the VMID for single-guest tasks, empty for a whole-job run, which
 * concerns every policy).
 *
 * @param jobId         the Proxmox backup job the policy owns
 * @param runningBackup UPID of a running vzdump task that may be this job's, or null
 * @param lastFinished  UPID and exit status of the newest finished one, or null
 */
public record BackupObservation(String jobId, String runningBackup, String lastFinished) {

    private static final String VZDUMP = "vzdump";

    public static BackupObservation of(ClusterSnapshot snapshot, String jobId, List<Integer> vmids) {
        List<TaskSummary> backups = snapshot.tasks().stream()
                .filter(t -> VZDUMP.equals(t.type()) && concerns(t, vmids))
                .toList();
        String running = backups.stream()
                .filter(TaskSummary::isRunning)
                .map(t -> t.upid().toString())
                .findFirst()
                .orElse(null);
        String finished = backups.stream()
                .filter(t -> !t.isRunning())
                .max(Comparator.comparingLong(TaskSummary::startTime))
                .map(t -> t.upid() + " " + t.status())
                .orElse(null);
        return new BackupObservation(jobId, running, finished);
    }

    private static boolean concerns(TaskSummary task, List<Integer> vmids) {
        return task.id() == null
                || task.id().isEmpty()
                || vmids.isEmpty()
                || vmids.stream().anyMatch(vmid -> task.id().equals(vmid.toString()));
    }
}
