package dev.underlay.controller.backuppolicy;

import dev.underlay.api.v1alpha1.backuppolicy.BackupRunStatus;
import dev.underlay.proxmox.model.TaskSummary;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runs of a policy's job, read from the vzdump tasks of the cluster snapshot and their logs. Pure.
 *
 * <p>PVE does not name the job in a vzdump task's UPID. It does in the log: the first line of every vzdump run is
 * {@code INFO: starting new backup job: vzdump <vmids> --storage <id> ... --job-id <id>}, so a task is this job's when
 * that line names its id. A log without a job id (an older PVE, an ad-hoc run) counts when it backs up to the job's
 * storage only guests the job covers; a single-guest task whose log could not be read counts when its guest is
 * covered. A scheduled job runs as one task per node that hosts a guest, all started in the same minute: tasks that
 * started within {@link #SAME_RUN} of the newest finished one make up the last run.
 *
 * @param lastRun     the last finished run, or empty when the snapshot shows none
 * @param failedVmids the guests that run failed for, as far as the logs say
 * @param failure     the failing task's status (PVE's error text), or null
 * @param lastSuccess when a run of the job last finished without error, as far as the snapshot shows
 */
record BackupRuns(
        Optional<BackupRunStatus> lastRun, List<Integer> failedVmids, String failure, Optional<Instant> lastSuccess) {

    static final Duration SAME_RUN = Duration.ofMinutes(5);

    private static final String VZDUMP = "vzdump";
    private static final String HEADER = "starting new backup job: vzdump";
    private static final Pattern JOB_ID = Pattern.compile("--job-id[ =]'?([A-Za-z0-9_-]+)");
    private static final Pattern STORAGE = Pattern.compile("--storage[ =]'?([A-Za-z0-9._-]+)");
    private static final Pattern HEADER_VMIDS = Pattern.compile("vzdump((?: \\d+)+)");
    private static final Pattern FAILED_VM = Pattern.compile("Backup of VM (\\d+) failed");

    BackupRuns {
        failedVmids = List.copyOf(failedVmids);
    }

    /**
     * @param tasks   the snapshot's tasks (any type)
     * @param log     a finished task's log lines; empty when it could not be read
     * @param covered the VMIDs the job covers
     */
    static BackupRuns of(
            List<TaskSummary> tasks,
            Function<TaskSummary, List<String>> log,
            String jobId,
            String storage,
            Set<Integer> covered) {
        List<TaskSummary> ours = tasks.stream()
                .filter(t -> VZDUMP.equals(t.type()) && !t.isRunning())
                .filter(t -> isOurs(t, log.apply(t), jobId, storage, covered))
                .sorted(Comparator.comparingLong(TaskSummary::startTime).reversed())
                .toList();
        if (ours.isEmpty()) {
            return new BackupRuns(Optional.empty(), List.of(), null, Optional.empty());
        }
        long newest = ours.get(0).startTime();
        List<TaskSummary> run = ours.stream()
                .filter(t -> newest - t.startTime() <= SAME_RUN.toSeconds())
                .toList();
        Set<Integer> failed = new TreeSet<>();
        TaskSummary failing = null;
        for (TaskSummary task : run) {
            if (task.isFailed()) {
                failing = failing == null ? task : failing;
                failed.addAll(failedIn(task, log.apply(task)));
            }
        }
        TaskSummary shown = failing != null ? failing : run.get(0);
        long started = run.stream().mapToLong(TaskSummary::startTime).min().orElse(newest);
        long finished = run.stream()
                .mapToLong(t -> t.endTime() == null ? t.startTime() : t.endTime())
                .max()
                .orElse(newest);
        BackupRunStatus last = new BackupRunStatus(
                Instant.ofEpochSecond(started).toString(),
                Instant.ofEpochSecond(finished).toString(),
                failing != null ? failing.status() : shown.status(),
                shown.upid().toString());
        Optional<Instant> success = ours.stream()
                .filter(TaskSummary::isSuccess)
                .map(t -> Instant.ofEpochSecond(t.endTime() == null ? t.startTime() : t.endTime()))
                .max(Comparator.naturalOrder());
        return new BackupRuns(
                Optional.of(last), new ArrayList<>(failed), failing == null ? null : failing.status(), success);
    }

    boolean lastRunFailed() {
        return failure != null;
    }

    static boolean isOurs(TaskSummary task, List<String> log, String jobId, String storage, Set<Integer> covered) {
        Optional<String> header =
                log.stream().filter(line -> line.contains(HEADER)).findFirst();
        if (header.isEmpty()) {
            return task.id() != null && !task.id().isEmpty() && covered.contains(parseOrZero(task.id()));
        }
        Matcher job = JOB_ID.matcher(header.get());
        if (job.find()) {
            return job.group(1).equals(jobId);
        }
        Matcher target = STORAGE.matcher(header.get());
        if (!target.find() || !target.group(1).equals(storage)) {
            return false;
        }
        Matcher vmids = HEADER_VMIDS.matcher(header.get());
        if (!vmids.find()) {
            return false;
        }
        for (String vmid : vmids.group(1).strip().split(" ")) {
            if (!covered.contains(parseOrZero(vmid))) {
                return false;
            }
        }
        return true;
    }

    private static List<Integer> failedIn(TaskSummary task, List<String> log) {
        List<Integer> failed = new ArrayList<>();
        for (String line : log) {
            Matcher m = FAILED_VM.matcher(line);
            if (m.find()) {
                failed.add(Integer.parseInt(m.group(1)));
            }
        }
        if (failed.isEmpty() && task.id() != null && !task.id().isEmpty()) {
            failed.add(parseOrZero(task.id()));
        }
        return failed;
    }

    private static int parseOrZero(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
