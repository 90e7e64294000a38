package dev.underlay.controller.backuppolicy;

import dev.underlay.controller.support.ConditionState;
import dev.underlay.controller.support.plan.Plan;
import dev.underlay.proxmox.model.TaskSummary;
import dev.underlay.proxmox.model.Upid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which vzdump tasks are the job's and what its last run was, and the conditions reported from them: a table of task
 * lists (with their logs) against the LastRunFailed and BackupsStale conditions rendered as {@code Type=Status
 * Reason: message}.
 */
class BackupRunsTest {

    private static final String JOB = "underlay-0123456789abcdef0123";
    private static final Set<Integer> COVERED = Set.of(101, 102, 103);
    private static final long DAY = Duration.ofDays(1).toSeconds();
    /** 2026-01-10T02:00:00Z, a scheduled run's start. */
    private static final long RUN = 1768010400L;

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void reports(String name, List<Task> tasks, long nowEpoch, String lastRunFailed, String stale) {
        Map<String, List<String>> logs = new java.util.HashMap<>();
        tasks.forEach(t -> logs.put(t.summary.upid().toString(), t.log));

        BackupRuns runs = BackupRuns.of(
                tasks.stream().map(t -> t.summary).toList(),
                t -> logs.getOrDefault(t.upid().toString(), List.of()),
                JOB,
                "backups",
                COVERED);
        BackupPolicyReport report = new BackupPolicyReport(
                JOB,
                "keep-daily=7",
                true,
                Optional.empty(),
                Optional.of(Duration.ofDays(1)),
                List.of(101, 102, 103),
                Optional.empty(),
                runs,
                Optional.empty(),
                Instant.ofEpochSecond(RUN - 10 * DAY),
                false,
                Optional.empty());
        List<ConditionState> conditions = report.conditions(Plan.done(), Instant.ofEpochSecond(nowEpoch));

        assertThat(render(conditions.get(1))).as(name).isEqualTo(lastRunFailed);
        assertThat(render(conditions.get(2))).as(name).isEqualTo(stale);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of(
                        "no task of the job, policy 10 days old: stale",
                        List.of(),
                        RUN + 60,
                        "LastRunFailed=False AsExpected: no run of the job seen yet",
                        "BackupsStale=True NoRecentBackup: no successful run since the policy was created "
                                + "2025-12-31T02:00:00Z, more than twice the schedule's period (PT48H) ago"),
                Arguments.of(
                        "one task per node, both OK: the run is the pair",
                        List.of(
                                task("pve-a", RUN, 300, "OK", header("101 102 --storage backups --job-id " + JOB)),
                                task("pve-b", RUN + 1, 200, "OK", header("103 --storage backups --job-id " + JOB))),
                        RUN + DAY,
                        "LastRunFailed=False AsExpected: last run finished 2026-01-10T02:05:00Z: OK",
                        "BackupsStale=False AsExpected: last successful run 2026-01-10T02:05:00Z"),
                Arguments.of(
                        "a failed node task names its failed guests from the log",
                        List.of(
                                task("pve-a", RUN, 300, "OK", header("101 --storage backups --job-id " + JOB)),
                                task(
                                        "pve-b",
                                        RUN,
                                        100,
                                        "job errors",
                                        header("102 103 --storage backups --job-id " + JOB),
                                        "ERROR: Backup of VM 102 failed - VM is locked (migrate)",
                                        "INFO: Finished Backup of VM 103")),
                        RUN + DAY,
                        "LastRunFailed=True BackupFailed: last run (UPID:pve-b) failed for VM 102: job errors",
                        "BackupsStale=False AsExpected: last successful run 2026-01-10T02:05:00Z"),
                Arguments.of(
                        "another job's tasks and an ad-hoc backup elsewhere do not count",
                        List.of(
                                task("pve-a", RUN, 60, "job errors", header("101 --storage backups --job-id other")),
                                task("pve-a", RUN + 100, 60, "OK", header("101 --storage local")),
                                task("pve-b", RUN - 3 * DAY, 60, "OK", header("101 102 103 --storage backups"))),
                        RUN + DAY,
                        "LastRunFailed=False AsExpected: last run finished 2026-01-07T02:01:00Z: OK",
                        "BackupsStale=True NoRecentBackup: the last successful run finished 2026-01-07T02:01:00Z, "
                                + "more than twice the schedule's period (PT48H) ago"),
                Arguments.of(
                        "an older failed run is superseded by a newer good one",
                        List.of(
                                task(
                                        "pve-a",
                                        RUN - DAY,
                                        60,
                                        "job errors",
                                        header("101 --storage backups --job-id " + JOB)),
                                task("pve-a", RUN, 60, "OK", header("101 --storage backups --job-id " + JOB))),
                        RUN + 120,
                        "LastRunFailed=False AsExpected: last run finished 2026-01-10T02:01:00Z: OK",
                        "BackupsStale=False AsExpected: last successful run 2026-01-10T02:01:00Z"));
    }

    record Task(TaskSummary summary, List<String> log) {}

    private static Task task(String node, long start, long took, String status, String... log) {
        Upid upid = Upid.parse(String.format("UPID:%s:00001234:00005678:%08X:vzdump::root@pam:", node, start));
        return new Task(
                new TaskSummary(upid, node, "vzdump", "", "root@pam", start, start + took, status), List.of(log));
    }

    private static String header(String rest) {
        return "INFO: starting new backup job: vzdump " + rest + " --mode snapshot";
    }

    private static String render(ConditionState condition) {
        String message = condition.message().replaceAll("UPID:(pve-[ab])[^)]*", "UPID:$1");
        return condition.type() + "=" + condition.status() + " " + condition.reason() + ": " + message;
    }
}
