package dev.underlay.controller.backuppolicy;

import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicy;
import dev.underlay.controller.support.EventPublisher;
import dev.underlay.proxmox.ProxmoxApi;
import dev.underlay.proxmox.ProxmoxApiException;
import dev.underlay.proxmox.model.BackupJob;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Carries out a {@link JobAction} on the cluster's quorum-gated client and records it as an Event. Every backup job
 * call is synchronous, so the next reconcile sees the result in the job list.
 */
@ApplicationScoped
class BackupJobActions {

    static final String CREATED = "BackupJobCreated";
    static final String UPDATED = "BackupJobUpdated";
    static final String RELEASED = "BackupJobReleased";
    static final String DELETED = "BackupJobDeleted";

    @Inject
    EventPublisher events;

    void execute(BackupPolicy policy, ProxmoxApi api, JobAction action) throws ProxmoxApiException {
        String message;
        String reason;
        if (action instanceof JobAction.Create create) {
            api.createBackupJob(create.job());
            reason = CREATED;
            message = "created backup job " + create.job().id() + " ("
                    + create.job().schedule() + " to " + create.job().storage() + ")";
        } else if (action instanceof JobAction.Update update) {
            api.updateBackupJob(update.job(), update.clear());
            reason = UPDATED;
            message = "updated backup job " + update.job().id() + ": " + String.join(", ", update.changed());
        } else if (action instanceof JobAction.Release release) {
            api.updateBackupJob(
                    commentOnly(release.job()), release.job().comment().isEmpty() ? List.of("comment") : List.of());
            reason = RELEASED;
            message = "left backup job " + release.job().id() + " running on Proxmox without the ownership marker "
                    + "(deletionPolicy Retain)";
        } else {
            JobAction.Delete delete = (JobAction.Delete) action;
            api.deleteBackupJob(delete.jobId());
            reason = DELETED;
            message = "deleted backup job " + delete.jobId() + " (deletionPolicy Delete); its archives are kept";
        }
        Log.infof(
                "BackupPolicy %s/%s: %s",
                policy.getMetadata().getNamespace(), policy.getMetadata().getName(), message);
        events.publish(policy, EventPublisher.NORMAL, reason, message);
    }

    /** Releasing changes the comment only; the job's other options are not sent, so nothing else on it can change. */
    private static BackupJob commentOnly(BackupJob job) {
        String comment = job.comment().isEmpty() ? null : job.comment();
        return new BackupJob(
                job.id(), null, null, null, null, null, null, null, null, null, null, null, comment, null, null, null,
                null, null, null, null, null);
    }
}
