package dev.underlay.simulator.pve.task;

/**
 * What a task does when it completes. It runs under the simulator's lock at the task's end time,
 * may append log lines, returns the exit status ({@code OK} or {@code WARNINGS: n}) or throws a
 * {@link dev.underlay.simulator.pve.PveError} whose message becomes the exit status.
 */
@FunctionalInterface
public interface TaskWork {
    String complete(Task task);

    TaskWork OK = task -> "OK";
}
