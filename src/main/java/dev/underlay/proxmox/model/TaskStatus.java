package dev.underlay.proxmox.model;

import java.util.Optional;

/**
 * {@code GET /nodes/{node}/tasks/{upid}/status}. Here {@code status} is only running/stopped and the outcome is in
 * {@code exitStatus} (absent while running). Success is "OK" or "WARNINGS: n", as in PVE's own check.
 */
public record TaskStatus(Upid upid, boolean running, String exitStatus, Long endTime) {

    public boolean isStopped() {
        return !running;
    }

    public boolean isSuccess() {
        return !running && exitStatusIsSuccess(exitStatus);
    }

    public boolean isFailed() {
        return !running && !exitStatusIsSuccess(exitStatus);
    }

    /** The number of warnings of a successful task with {@code WARNINGS: n}; 0 otherwise. */
    public int warnings() {
        if (exitStatus != null && exitStatus.startsWith("WARNINGS:")) {
            try {
                return Integer.parseInt(
                        exitStatus.substring("WARNINGS:".length()).trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /** The error text of a failed task. */
    public Optional<String> error() {
        return isFailed() ? Optional.ofNullable(exitStatus).or(() -> Optional.of("unknown")) : Optional.empty();
    }

    static boolean exitStatusIsSuccess(String exitStatus) {
        return exitStatus != null && (exitStatus.equals("OK") || exitStatus.startsWith("WARNINGS:"));
    }
}
