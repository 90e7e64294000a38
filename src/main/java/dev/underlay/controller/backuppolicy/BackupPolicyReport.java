package dev.underlay.controller.backuppolicy;

import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicyStatus;
import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.ConditionTypes;
import dev.underlay.controller.support.ConditionState;
import dev.underlay.controller.support.plan.Plan;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a BackupPolicy reports: its conditions and observed fields, from the plan and what was observed. Pure, so
 * every rule (when backups count as stale, what LastRunFailed names) is a table row.
 *
 * @param jobId              the job's id
 * @param keep               the retention as the job carries it
 * @param enabled            whether the job runs on its schedule
 * @param nextRun            the schedule's next run, in the time zone it is evaluated in; empty when disabled or never
 * @param period             the schedule's longest gap between runs; empty for a schedule that runs at most once
 * @param covered            VMIDs the job covers now
 * @param notBackedUp        guests in the policy's scope no job covers; empty when the list has not been read yet
 * @param runs               the job's runs as the snapshot shows them
 * @param previousSuccess    status.lastSuccessfulRun as recorded before
 * @param since              when the policy began (its creation): a new policy is not stale before its first run
 * @param requireEncryption  spec.requireEncryption
 * @param storageEncrypted   whether the storage encrypts; empty when not known (not asked, or unreadable)
 */
record BackupPolicyReport(
        String jobId,
        String keep,
        boolean enabled,
        Optional<ZonedDateTime> nextRun,
        Optional<Duration> period,
        List<Integer> covered,
        Optional<List<Integer>> notBackedUp,
        BackupRuns runs,
        Optional<Instant> previousSuccess,
        Instant since,
        boolean requireEncryption,
        Optional<Boolean> storageEncrypted) {

    /** The newest successful run: this snapshot's, or the one recorded before (the task may have left the list). */
    Optional<Instant> lastSuccess() {
        return runs.lastSuccess()
                .map(s -> previousSuccess.filter(p -> p.isAfter(s)).orElse(s))
                .or(() -> previousSuccess);
    }

    /** Ready from the plan, then LastRunFailed, BackupsStale and StorageNotEncrypted. */
    List<ConditionState> conditions(Plan<JobAction> plan, Instant now) {
        List<ConditionState> conditions = new ArrayList<>();
        conditions.add(ready(plan));
        conditions.add(lastRunFailed());
        conditions.add(stale(now));
        conditions.add(encryption());
        return conditions;
    }

    /** Sets the observed fields; a last run the snapshot no longer shows stays as recorded. */
    void apply(BackupPolicyStatus status) {
        status.setJobId(jobId);
        status.setKeep(keep);
        status.setNextRunTime(
                nextRun.map(DateTimeFormatter.ISO_OFFSET_DATE_TIME::format).orElse(null));
        runs.lastRun().ifPresent(status::setLastRun);
        status.setLastSuccessfulRun(lastSuccess().map(Instant::toString).orElse(null));
        status.setCoveredVMIDs(covered);
        notBackedUp.ifPresent(status::setNotBackedUp);
        status.setStorageEncrypted(storageEncrypted.orElse(null));
    }

    private ConditionState ready(Plan<JobAction> plan) {
        if (plan instanceof Plan.Wait<JobAction> wait) {
            return ConditionState.isFalse(ConditionTypes.READY, wait.reason(), wait.message());
        }
        if (plan instanceof Plan.Invalid<JobAction> invalid) {
            return ConditionState.isFalse(ConditionTypes.READY, invalid.reason(), invalid.message());
        }
        return ConditionState.isTrue(
                ConditionTypes.READY,
                ConditionReasons.RECONCILED,
                "backup job " + jobId + " covers " + (covered.isEmpty() ? "no guest yet" : "VMs " + vmids(covered))
                        + (enabled ? nextRun.map(t -> "; next run " + t).orElse("") : "; the job is disabled"));
    }

    private ConditionState lastRunFailed() {
        if (!runs.lastRunFailed()) {
            return ConditionState.isFalse(
                    ConditionTypes.LAST_RUN_FAILED,
                    ConditionReasons.AS_EXPECTED,
                    runs.lastRun()
                            .map(r -> "last run finished " + r.finishedAt() + ": " + r.status())
                            .orElse("no run of the job seen yet"));
        }
        String who = runs.failedVmids().isEmpty() ? "" : " for VM " + vmids(runs.failedVmids());
        return ConditionState.isTrue(
                ConditionTypes.LAST_RUN_FAILED,
                ConditionReasons.BACKUP_FAILED,
                "last run " + runs.lastRun().map(r -> "(" + r.upid() + ") ").orElse("") + "failed" + who + ": "
                        + runs.failure());
    }

    private ConditionState stale(Instant now) {
        if (!enabled) {
            return ConditionState.isFalse(
                    ConditionTypes.BACKUPS_STALE, ConditionReasons.AS_EXPECTED, "the job is disabled; not judged");
        }
        if (period.isEmpty()) {
            return ConditionState.isFalse(
                    ConditionTypes.BACKUPS_STALE,
                    ConditionReasons.AS_EXPECTED,
                    "the schedule runs at most once; staleness is not judged");
        }
        Duration allowed = period.get().multipliedBy(2);
        Optional<Instant> success = lastSuccess();
        Instant reference = success.filter(s -> s.isAfter(since)).orElse(since);
        if (Duration.between(reference, now).compareTo(allowed) > 0) {
            return ConditionState.isTrue(
                    ConditionTypes.BACKUPS_STALE,
                    ConditionReasons.NO_RECENT_BACKUP,
                    success.map(s -> "the last successful run finished " + s)
                                    .orElse("no successful run since the policy was created " + since)
                            + ", more than twice the schedule's period (" + allowed + ") ago");
        }
        return ConditionState.isFalse(
                ConditionTypes.BACKUPS_STALE,
                ConditionReasons.AS_EXPECTED,
                success.map(s -> "last successful run " + s).orElse("no run due yet"));
    }

    private ConditionState encryption() {
        if (!requireEncryption) {
            return ConditionState.isFalse(
                    ConditionTypes.STORAGE_NOT_ENCRYPTED,
                    ConditionReasons.AS_EXPECTED,
                    "spec.requireEncryption is not set");
        }
        if (storageEncrypted.isEmpty()) {
            return ConditionState.unknown(
                    ConditionTypes.STORAGE_NOT_ENCRYPTED,
                    ConditionReasons.PROXMOX_UNAVAILABLE,
                    "the storage configuration could not be read");
        }
        return storageEncrypted.get()
                ? ConditionState.isFalse(
                        ConditionTypes.STORAGE_NOT_ENCRYPTED,
                        ConditionReasons.AS_EXPECTED,
                        "the storage is a Proxmox Backup Server storage with an encryption key")
                : ConditionState.isTrue(
                        ConditionTypes.STORAGE_NOT_ENCRYPTED,
                        ConditionReasons.STORAGE_UNENCRYPTED,
                        "spec.requireEncryption is set, but the storage is not a Proxmox Backup Server storage with "
                                + "an encryption key: backups are written unencrypted");
    }

    private static String vmids(List<Integer> vmids) {
        return vmids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
