package dev.underlay.controller.support.plan;

import dev.underlay.proxmox.model.TaskSummary;

/** Where the one in-flight Proxmox task of a resource stands, as {@link TaskFollower} reads it from a snapshot. */
public sealed interface TaskProgress
        permits TaskProgress.NoTask,
                TaskProgress.Running,
                TaskProgress.Succeeded,
                TaskProgress.Failed,
                TaskProgress.NotListed {

    /** Nothing recorded, or the recorded task already judged (its outcome is in status). */
    record NoTask() implements TaskProgress {}

    record Running(String upid, String type) implements TaskProgress {}

    /** @param note why a task Proxmox calls failed counts as a success (qmstart that started the VM), or null */
    record Succeeded(TaskSummary task, String note) implements TaskProgress {}

    /** @param exitStatus Proxmox's text, e.g. "command 'qm start 101' failed: exit code 1" */
    record Failed(TaskSummary task, String exitStatus) implements TaskProgress {}

    /**
     * Recorded as running, but the snapshot's task list (the cluster's recent tasks) no longer shows it: ask the node
     * for {@code /nodes/{node}/tasks/{upid}/status} before judging.
     */
    record NotListed(String upid) implements TaskProgress {}
}
