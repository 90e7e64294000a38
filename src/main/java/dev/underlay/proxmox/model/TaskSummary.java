package dev.underlay.proxmox.model;

/**
 * A row of {@code /cluster/tasks} or {@code /nodes/{node}/tasks}. Unlike {@link TaskStatus}, the list puts the
 * outcome ("OK" or the error text) into {@code status}; a running task has neither status nor end time.
 */
public record TaskSummary(
        Upid upid, String node, String type, String id, String user, long startTime, Long endTime, String status) {

    public boolean isRunning() {
        return endTime == null && (status == null || status.isEmpty() || status.equals("running"));
    }

    public boolean isSuccess() {
        return !isRunning() && TaskStatus.exitStatusIsSuccess(status);
    }

    public boolean isFailed() {
        return !isRunning() && !TaskStatus.exitStatusIsSuccess(status);
    }
}
