package dev.underlay.controller.backuppolicy;

import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicySpec;
import dev.underlay.api.v1alpha1.common.ConditionReasons;
import dev.underlay.api.v1alpha1.common.DeletionPolicy;
import dev.underlay.api.v1alpha1.common.ManagementPolicy;
import dev.underlay.controller.support.ownership.OwnerMarker;
import dev.underlay.controller.support.plan.Plan;
import dev.underlay.proxmox.model.BackupJob;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to do with a policy's Proxmox backup job: a pure function of the spec, the resolved selection, the storages the
 * cluster has and the job as Proxmox has it. The job is the operator's only when its comment carries this policy's
 * ownership marker; any other job under the id is never written (OwnershipConflict), and a job without a
 * difference in the managed fields is never written either.
 */
final class BackupJobPlanner {

    private final OwnerMarker.Owner owner;
    private final String jobId;

    BackupJobPlanner(OwnerMarker.Owner owner, String jobId) {
        this.owner = owner;
        this.jobId = jobId;
    }

    /**
     * @param storages the storage ids the cluster snapshot lists
     * @param observed the job with {@link #jobId}, if Proxmox has one
     */
    Plan<JobAction> plan(
            BackupPolicySpec spec, BackupSelection selection, Set<String> storages, Optional<BackupJob> observed) {
        if (observed.isPresent() && !OwnerMarker.isOwnedBy(observed.get().comment(), owner)) {
            return Plan.invalid(ConditionReasons.OWNERSHIP_CONFLICT, conflict(observed.get()));
        }
        if (selection.isEmpty()) {
            return Plan.waitFor(
                    ConditionReasons.NO_GUESTS_SELECTED,
                    "no TalosNodeVM in this namespace matches spec.selector.talosNodeVMSelector or has a VMID yet; "
                            + (observed.isPresent()
                                    ? "backup job " + jobId + " keeps its last VMID list"
                                    : "backup job " + jobId + " is created once one does"));
        }
        if (!storages.contains(spec.storage())) {
            return Plan.waitFor(
                    ConditionReasons.BACKUP_STORAGE_NOT_FOUND,
                    "the cluster has no storage " + spec.storage() + "; add a storage with content type backup or "
                            + "fix spec.storage");
        }
        BackupJob desired = BackupJobMapping.desired(
                spec, selection, jobId, owner, observed.map(BackupJob::comment).orElse(null));
        boolean observeOnly = spec.managementPolicy() == ManagementPolicy.Observe;
        if (observed.isEmpty()) {
            return observeOnly
                    ? Plan.waitFor(
                            ConditionReasons.OBSERVE_ONLY,
                            "backup job " + jobId + " does not exist; managementPolicy Observe creates nothing")
                    : Plan.act(new JobAction.Create(desired));
        }
        List<String> changed = BackupJobMapping.differences(desired, observed.get());
        if (changed.isEmpty()) {
            return Plan.done();
        }
        if (observeOnly) {
            return Plan.waitFor(
                    ConditionReasons.OBSERVE_ONLY,
                    "backup job " + jobId + " differs from the spec in " + String.join(", ", changed)
                            + "; managementPolicy Observe changes nothing");
        }
        return Plan.act(new JobAction.Update(desired, changed, BackupJobMapping.toClear(desired, observed.get())));
    }

    /**
     * What deleting the policy does to the job: nothing when it is gone, not ours, or the policy only observes; with
     * Retain the marker is removed and the job keeps running; with Delete the job definition is removed. Archives are
     * never touched either way.
     */
    Plan<JobAction> cleanup(BackupPolicySpec spec, Optional<BackupJob> observed) {
        if (observed.isEmpty()
                || !OwnerMarker.isOwnedBy(observed.get().comment(), owner)
                || spec.managementPolicy() == ManagementPolicy.Observe) {
            return Plan.done();
        }
        BackupJob job = observed.get();
        if (spec.deletionPolicy() == DeletionPolicy.Delete) {
            return Plan.act(new JobAction.Delete(job.id()));
        }
        return Plan.act(
                new JobAction.Release(BackupJobMapping.withComment(job, OwnerMarker.userComment(job.comment()))));
    }

    private String conflict(BackupJob job) {
        String marker = OwnerMarker.owner(job.comment())
                .map(token -> "it is marked for " + token)
                .orElse("it carries no ownership marker");
        return "backup job " + jobId + " exists on Proxmox but is not this policy's (" + marker + "); it is left "
                + "untouched. Delete or rename that job, or remove its marker only if it is meant to be this policy's";
    }
}
