package dev.underlay.controller.proxmoxcluster.maintenance;

import dev.underlay.observe.ClusterSnapshot;
import dev.underlay.proxmox.model.TaskSummary;
import dev.underlay.proxmox.model.VmResource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** How the migrations of one maintenance entry stand, judged from a fresh snapshot. */
sealed interface MigrationProgress {

    /** How long HA may take to move a guest before the request counts as failed. */
    Duration HA_PATIENCE = Duration.ofMinutes(10);
    /** How long a started task may stay out of the cluster task list before it counts as lost. */
    Duration TASK_PATIENCE = Duration.ofMinutes(2);
    /** How long after a successful task the guest list may still show the guest on its old node. */
    Duration SETTLE = Duration.ofMinutes(1);

    Set<String> MIGRATION_TASKS = Set.of("qmigrate", "hamigrate", "bulkmigrate", "vzmigrate");

    /** Nothing of ours or anyone's is moving guests off the node. */
    record Idle() implements MigrationProgress {}

    record Running(String what) implements MigrationProgress {}

    /**
     * The set in flight has ended.
     *
     * @param arrived  guests of the set that left the node
     * @param failures what went wrong, one line per launch (exit status included)
     * @param bulkFailed a bulk migration left guests behind: use per-VM migrations from now on
     */
    record Finished(Set<Integer> arrived, List<String> failures, boolean bulkFailed) implements MigrationProgress {}

    static MigrationProgress of(List<Launch> inFlight, ClusterSnapshot snapshot, String node, Instant now) {
        if (inFlight.isEmpty()) {
            return unknownMigrations(snapshot, node);
        }
        List<String> running = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Set<Integer> arrived = new HashSet<>();
        boolean bulkFailed = false;
        for (Launch launch : inFlight) {
            List<Integer> left = launch.vmids().stream()
                    .filter(v -> !onNode(snapshot, v, node))
                    .toList();
            List<Integer> behind = launch.vmids().stream()
                    .filter(v -> onNode(snapshot, v, node))
                    .toList();
            arrived.addAll(left);
            if (behind.stream().anyMatch(v -> migrationLocked(snapshot, v) || crmMigrating(snapshot, v))) {
                running.add(launch.describe());
                continue;
            }
            Optional<TaskSummary> task = launch.upid() == null
                    ? Optional.empty()
                    : snapshot.tasks().stream()
                            .filter(t -> launch.upid().equals(t.upid()))
                            .findFirst();
            if (task.isPresent() && task.get().isRunning()) {
                running.add(launch.describe());
            } else if (behind.isEmpty()) {
                continue;
            } else if (task.isPresent() && justFinishedOk(task.get(), snapshot)) {
                // the guest list was read a moment before the task list: the move may just not show yet
                running.add(launch.describe());
            } else if (task.isPresent()) {
                failures.add(launch.describe() + " failed: "
                        + (task.get().isFailed()
                                ? task.get().status()
                                : "finished (" + task.get().status() + ") but left " + behind + " on " + node));
                bulkFailed |= launch.kind() == Launch.Kind.BULK;
            } else if (now.isAfter(launch.at().plus(patience(launch)))) {
                failures.add(launch.describe() + " failed: " + behind + " still on " + node + " after "
                        + patience(launch).toMinutes() + " minutes");
                bulkFailed |= launch.kind() == Launch.Kind.BULK;
            } else {
                running.add(launch.describe());
            }
        }
        if (!running.isEmpty()) {
            return new Running(String.join(", ", running));
        }
        return new Finished(arrived, failures, bulkFailed);
    }

    /** After a restart the operator knows no launches; tasks and locks in the snapshot still tell it to wait. */
    private static MigrationProgress unknownMigrations(ClusterSnapshot snapshot, String node) {
        for (TaskSummary task : snapshot.runningTasks()) {
            if (!MIGRATION_TASKS.contains(task.type())) {
                continue;
            }
            boolean ours = task.type().equals("bulkmigrate")
                    || vmid(task).map(v -> onNode(snapshot, v, node)).orElse(false);
            if (ours) {
                return new Running(task.type() + " task " + task.upid() + " still running");
            }
        }
        return snapshot.guestsOn(node).stream()
                .filter(g -> "migrate".equals(g.lock()))
                .findFirst()
                .<MigrationProgress>map(g -> new Running(Guests.label(g) + " is locked by a migration"))
                .orElse(new Idle());
    }

    private static boolean justFinishedOk(TaskSummary task, ClusterSnapshot snapshot) {
        return "OK".equals(task.status())
                && task.endTime() != null
                && snapshot.fetchedAt().getEpochSecond() - task.endTime() < SETTLE.getSeconds();
    }

    private static Duration patience(Launch launch) {
        return launch.kind() == Launch.Kind.HA ? HA_PATIENCE : TASK_PATIENCE;
    }

    private static boolean onNode(ClusterSnapshot snapshot, int vmid, String node) {
        return snapshot.vm(vmid).map(v -> node.equals(v.node())).orElse(false);
    }

    private static boolean migrationLocked(ClusterSnapshot snapshot, int vmid) {
        return snapshot.vm(vmid).map(VmResource::lock).map("migrate"::equals).orElse(false);
    }

    /** The CRM carries out an HA migration with its own qmigrate task. */
    private static boolean crmMigrating(ClusterSnapshot snapshot, int vmid) {
        return snapshot.runningTasks().stream()
                .anyMatch(t -> MIGRATION_TASKS.contains(t.type())
                        && vmid(t).map(v -> v == vmid).orElse(false));
    }

    private static Optional<Integer> vmid(TaskSummary task) {
        try {
            return Optional.of(Integer.parseInt(task.id()));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
