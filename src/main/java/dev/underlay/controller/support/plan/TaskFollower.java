package dev.underlay.controller.support.plan;

import dev.underlay.api.v1alpha1.common.TaskRef;
import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.model.TaskSummary;
import dev.underlay.proxmox.model.Upid;
import dev.underlay.proxmox.model.VmResource;

import java.util.Optional;

/**
 * Follows {@code status.lastTask} through the cluster snapshot's task list, so that a resource with a task in flight
 * costs no call of its own. One quirk is honoured: {@code qmstart} can end in an error after the VM did start (a
 * hook script or the guest agent timing out), so a failed start of a VM the snapshot shows running is a success.
 */
public final class TaskFollower {

    static final String STOPPED = "stopped";
    static final String QMSTART = "qmstart";

    private TaskFollower() {}

    public static TaskProgress follow(TaskRef last, ClusterSnapshot snapshot) {
        if (last == null || last.upid() == null || STOPPED.equals(last.status())) {
            return new TaskProgress.NoTask();
        }
        Optional<TaskSummary> listed = snapshot.tasks().stream()
                .filter(t -> t.upid() != null && t.upid().toString().equals(last.upid()))
                .findFirst();
        if (listed.isEmpty()) {
            return new TaskProgress.NotListed(last.upid());
        }
        TaskSummary task = listed.get();
        if (task.isRunning()) {
            return new TaskProgress.Running(last.upid(), task.type());
        }
        if (task.isSuccess()) {
            return new TaskProgress.Succeeded(task, null);
        }
        if (QMSTART.equals(task.type()) && guestRunning(task, snapshot)) {
            return new TaskProgress.Succeeded(
                    task, "qmstart reported '" + task.status() + "' but the VM is running (Proxmox's start quirk)");
        }
        return new TaskProgress.Failed(task, task.status());
    }

    /** The TaskRef to record for a task just started; the UPID says its type. */
    public static TaskRef started(Upid upid, String startedAt) {
        return new TaskRef(upid.toString(), upid.type(), "running", null, startedAt, null);
    }

    private static boolean guestRunning(TaskSummary task, ClusterSnapshot snapshot) {
        try {
            int vmid = Integer.parseInt(task.id());
            return snapshot.vm(vmid).map(VmResource::isRunning).orElse(false);
        } catch (NumberFormatException notAGuest) {
            return false;
        }
    }
}
