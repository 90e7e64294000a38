package dev.underlay.controller.backuppolicy;

import dev.underlay.api.v1alpha1.backuppolicy.RestoreTestResultStatus;
import dev.underlay.api.v1alpha1.backuppolicy.RestoreTestRunStatus;
import dev.underlay.api.v1alpha1.backuppolicy.RestoreTestSpec;
import dev.underlay.api.v1alpha1.backuppolicy.ScratchVmidRangeSpec;
import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.controller.support.plan.Plan;
import dev.underlay.controller.support.plan.TaskProgress;
import dev.underlay.proxmox.calendar.CalendarEvent;
import dev.underlay.proxmox.model.StorageContent;
import dev.underlay.proxmox.model.VmResource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a policy's restore test does next: a pure function of the spec, what status records (the last test, the one in
 * progress) and what was observed. Order matters and is the safety argument: a scratch VM of ours that no test
 * records is destroyed before anything else; a test in progress is followed to its end and its VM always destroyed;
 * only then may a new test start, when due, when the cluster runs no other test, on a free scratch VMID.
 */
final class RestoreTestPlanner {

    /**
     * What was observed for one reconcile.
     *
     * @param now          the clock
     * @param since        when the policy was created: the first test is due at the schedule's first time after it
     * @param last         status.lastRestoreTest
     * @param inProgress   status.restoreTestInProgress
     * @param task         where the in-progress step's task stands ({@link TaskProgress.NoTask} without one)
     * @param scratch      the in-progress scratch VM as the snapshot shows it; empty when it is gone
     * @param agentAnswers whether the scratch VM's guest agent answered (only asked while Starting with agent=1)
     * @param leftovers    scratch VMs marked as this policy's that no test in progress records, by VMID → node
     * @param clusterBusy  another restore test runs on the cluster (the in-process guard, or another owner's marker)
     * @param guests       the VMIDs of every guest (VM or container) of the snapshot
     * @param covered      the VMIDs the policy's job covers
     * @param archives     the backups on the policy's storage; empty when not read (not due)
     */
    record Inputs(
            Instant now,
            Instant since,
            Optional<RestoreTestResultStatus> last,
            Optional<RestoreTestRunStatus> inProgress,
            TaskProgress task,
            Optional<VmResource> scratch,
            boolean agentAnswers,
            Map<Integer, String> leftovers,
            boolean clusterBusy,
            Set<Integer> guests,
            List<Integer> covered,
            List<StorageContent> archives) {}

    private final RestoreTestSpec spec;
    private final CalendarEvent schedule;

    RestoreTestPlanner(RestoreTestSpec spec) {
        this.spec = spec;
        this.schedule = CalendarEvent.parse(spec.schedule());
    }

    /** When the next test is due: the schedule's first time after the last test began (or after the policy began). */
    Optional<Instant> due(Instant since, Optional<RestoreTestResultStatus> last) {
        Instant base = last.map(RestoreTestResultStatus::at).map(Instant::parse).orElse(since);
        // evaluated in UTC, as BackupPolicyReconciler evaluates the job's schedule (no /nodes/{node}/time yet)
        return schedule.next(ZonedDateTime.ofInstant(base, ZoneOffset.UTC)).map(ZonedDateTime::toInstant);
    }

    /** Whether a test is due and none runs: only then are the storage's archives worth reading. */
    boolean wantsArchives(Instant now, Instant since, Optional<RestoreTestResultStatus> last, boolean inProgress) {
        return !inProgress && due(since, last).filter(d -> !d.isAfter(now)).isPresent();
    }

    Plan<RestoreAction> plan(Inputs in) {
        if (in.inProgress().isPresent()) {
            return follow(in, in.inProgress().get());
        }
        if (!in.leftovers().isEmpty()) {
            Map.Entry<Integer, String> leftover = new TreeMap<>(in.leftovers()).firstEntry();
            return Plan.act(new RestoreAction.AdoptLeftover(leftover.getKey(), leftover.getValue()));
        }
        Optional<Instant> due = due(in.since(), in.last());
        if (due.isEmpty() || due.get().isAfter(in.now())) {
            return Plan.done();
        }
        Optional<StorageContent> archive = nextArchive(in);
        if (archive.isEmpty()) {
            return Plan.waitFor(
                    ConditionReasons.NO_ARCHIVE_YET,
                    "a restore test is due, but no VM the job covers has an archive on the storage yet; it runs once "
                            + "one does");
        }
        if (in.clusterBusy()) {
            return Plan.waitFor(
                    ConditionReasons.RESTORE_TEST_QUEUED,
                    "a restore test is due, but another one runs on this cluster; it starts when that one is done");
        }
        Optional<Integer> vmid = scratchVmid(in.guests());
        if (vmid.isEmpty()) {
            return Plan.waitFor(
                    ConditionReasons.NO_SCRATCH_VMID,
                    "a restore test is due, but every scratch VMID ("
                            + (spec.scratchVmid() != null
                                    ? String.valueOf(spec.scratchVmid())
                                    : spec.scratchVmidRangeOrDefault().start() + "-"
                                            + spec.scratchVmidRangeOrDefault().end())
                            + ") is taken by a guest; free one or change spec.restoreTest");
        }
        return Plan.act(new RestoreAction.Restore(
                vmid.get(), archive.get().vmid(), archive.get().volid()));
    }

    private Plan<RestoreAction> follow(Inputs in, RestoreTestRunStatus run) {
        RestoreStep step = RestoreStep.valueOf(run.step());
        if (step == RestoreStep.Destroying) {
            return destroy(in, run);
        }
        Instant started = Instant.parse(run.startedAt());
        if (Duration.between(started, in.now()).getSeconds() > spec.timeoutSeconds()) {
            return Plan.act(new RestoreAction.Conclude(
                    RestoreResult.TimedOut,
                    (step == RestoreStep.Restoring
                                    ? "the restore of " + run.volid() + " did not finish"
                                    : "VM " + run.scratchVmid() + " restored from " + run.volid()
                                            + (Boolean.TRUE.equals(run.agent())
                                                    ? " did not run with an answering guest agent"
                                                    : " did not run"))
                            + " within " + spec.timeoutSeconds() + "s"));
        }
        if (in.task() instanceof TaskProgress.Running || in.task() instanceof TaskProgress.NotListed) {
            return Plan.waitFor(ConditionReasons.RESTORE_TEST_RUNNING, running(run));
        }
        if (in.task() instanceof TaskProgress.Failed failed) {
            return Plan.act(new RestoreAction.Conclude(
                    RestoreResult.Failed,
                    (step == RestoreStep.Restoring
                                    ? "restoring " + run.volid() + " failed: "
                                    : "VM " + run.scratchVmid() + " restored from " + run.volid()
                                            + " failed to start: ")
                            + failed.exitStatus()));
        }
        return afterTask(in, run, step);
    }

    private Plan<RestoreAction> afterTask(Inputs in, RestoreTestRunStatus run, RestoreStep step) {
        if (in.scratch().isEmpty()) {
            return Plan.act(new RestoreAction.Conclude(
                    RestoreResult.Failed,
                    "scratch VM " + run.scratchVmid() + " restored from " + run.volid() + " vanished during the test"));
        }
        if (step == RestoreStep.Restoring) {
            return Plan.act(new RestoreAction.Start(run.scratchVmid()));
        }
        boolean running = in.scratch().get().isRunning();
        if (running && (!Boolean.TRUE.equals(run.agent()) || in.agentAnswers())) {
            return Plan.act(new RestoreAction.Conclude(RestoreResult.Passed, null));
        }
        return Plan.waitFor(ConditionReasons.RESTORE_TEST_RUNNING, running(run));
    }

    /** Always to the end: a task still running is cancelled, a running VM stopped, a stopped one deleted. */
    private static Plan<RestoreAction> destroy(Inputs in, RestoreTestRunStatus run) {
        if (in.task() instanceof TaskProgress.Running || in.task() instanceof TaskProgress.NotListed) {
            return run.upid() != null && run.upid().contains(":qmrestore:")
                    ? Plan.act(new RestoreAction.CancelTask(run.upid()))
                    : Plan.waitFor(ConditionReasons.RESTORE_TEST_RUNNING, "destroying scratch VM " + run.scratchVmid());
        }
        if (in.scratch().isEmpty()) {
            return Plan.act(new RestoreAction.Finish());
        }
        return in.scratch().get().isRunning()
                ? Plan.act(new RestoreAction.Stop(run.scratchVmid()))
                : Plan.act(new RestoreAction.Delete(run.scratchVmid()));
    }

    /**
     * The newest archive of the VM after the one tested last, in VMID order and wrapping: one VM per run, so that every
     * covered VM is tested in turn and a run stays as short as one restore.
     */
    private static Optional<StorageContent> nextArchive(Inputs in) {
        Map<Integer, StorageContent> newest = new TreeMap<>();
        for (StorageContent c : in.archives()) {
            if (c.vmid() != null && c.volid() != null && in.covered().contains(c.vmid())) {
                newest.merge(c.vmid(), c, (a, b) -> ctime(a) >= ctime(b) ? a : b);
            }
        }
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        int previous = in.last().map(RestoreTestResultStatus::vmid).orElse(Integer.MIN_VALUE);
        return newest.keySet().stream()
                .filter(vmid -> vmid > previous)
                .findFirst()
                .or(() -> newest.keySet().stream().min(Comparator.naturalOrder()))
                .map(newest::get);
    }

    private static long ctime(StorageContent c) {
        return c.ctime() == null ? 0 : c.ctime();
    }

    /** The configured VMID, or the first of the range no guest of the snapshot uses (bounded by the range). */
    private Optional<Integer> scratchVmid(Set<Integer> guests) {
        if (spec.scratchVmid() != null) {
            return guests.contains(spec.scratchVmid()) ? Optional.empty() : Optional.of(spec.scratchVmid());
        }
        ScratchVmidRangeSpec range = spec.scratchVmidRangeOrDefault();
        for (int vmid = range.start(); vmid <= range.end(); vmid++) {
            if (!guests.contains(vmid)) {
                return Optional.of(vmid);
            }
        }
        return Optional.empty();
    }

    private static String running(RestoreTestRunStatus run) {
        return "restore test of " + run.volid() + " on scratch VM " + run.scratchVmid() + ": " + run.step() + " since "
                + run.startedAt();
    }
}
