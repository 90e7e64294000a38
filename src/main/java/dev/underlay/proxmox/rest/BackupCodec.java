package dev.underlay.proxmox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.proxmox.model.BackupJob;
import dev.underlay.proxmox.model.IncludedGuest;
import dev.underlay.proxmox.model.NotBackedUp;
import dev.underlay.proxmox.model.VzdumpRequest;
import dev.underlay.proxmox.rest.PveJson.Fields;

import java.util.List;

/**
 * Wire mapping for backup jobs, the backup-info endpoints and ad-hoc vzdump. {@code vmid}/{@code exclude} are
 * comma lists. {@code notification-policy}/{@code -target} are never sent: PVE 9 rejects them.
 */
final class BackupCodec {

    private BackupCodec() {}

    static List<BackupJob> jobs(JsonNode data) {
        return PveJson.elements(data).stream().map(BackupCodec::job).toList();
    }

    static BackupJob job(Fields f) {
        return new BackupJob(
                f.str("id"),
                f.str("schedule"),
                f.str("storage"),
                f.integers("vmid"),
                f.bool("all"),
                f.str("pool"),
                f.integers("exclude"),
                f.has("enabled") ? f.bool("enabled") : Boolean.TRUE,
                f.str("mode"),
                f.str("compress"),
                StorageCodec.pruneBackups(f, "prune-backups"),
                f.str("notes-template"),
                f.str("comment"),
                f.str("notification-mode"),
                f.str("mailnotification"),
                f.str("mailto"),
                f.str("node"),
                f.bool("protected"),
                f.bool("repeat-missed"),
                f.lng("next-run"),
                f.str("type"));
    }

    /** Fields common to create and update; the id goes into the body on create and the path on update. */
    private static PveParams.Builder jobFields(BackupJob j) {
        return PveParams.builder()
                .add("schedule", j.schedule())
                .add("storage", j.storage())
                .addCsv("vmid", j.vmids())
                .add("all", j.all())
                .add("pool", j.pool())
                .addCsv("exclude", j.exclude())
                .add("enabled", j.enabled())
                .add("mode", j.mode())
                .add("compress", j.compress())
                .add("prune-backups", j.pruneBackups())
                .add("notes-template", j.notesTemplate())
                .add("comment", j.comment())
                .add("notification-mode", j.notificationMode())
                .add("mailnotification", j.mailNotification())
                .add("mailto", j.mailTo())
                .add("node", j.node())
                .add("protected", j.protectedBackups())
                .add("repeat-missed", j.repeatMissed());
    }

    static PveParams createJob(BackupJob j) {
        if (j.id() == null) {
            throw new IllegalArgumentException("backup job id missing: the operator names its jobs");
        }
        return concat(PveParams.builder().add("id", j.id()), jobFields(j).build());
    }

    static PveParams updateJob(BackupJob j, List<String> delete) {
        return concat(jobFields(j), PveParams.builder().addCsv("delete", delete).build());
    }

    static List<IncludedGuest> includedVolumes(JsonNode data) {
        return PveJson.elements(data.path("children")).stream()
                .map(g -> new IncludedGuest(
                        g.integer("id"),
                        g.str("name"),
                        g.str("type"),
                        g.objects("children").stream()
                                .map(v -> new IncludedGuest.Volume(
                                        v.str("id"), v.str("name"), v.flag("included"), v.str("reason")))
                                .toList()))
                .toList();
    }

    static List<NotBackedUp> notBackedUp(JsonNode data) {
        return PveJson.elements(data).stream()
                .map(f -> new NotBackedUp(f.integer("vmid"), f.str("type"), f.str("name")))
                .toList();
    }

    static PveParams vzdump(VzdumpRequest r) {
        return PveParams.builder()
                .addCsv("vmid", r.vmids())
                .add("storage", r.storage())
                .add("mode", r.mode())
                .add("compress", r.compress())
                .add("notes-template", r.notesTemplate())
                .add("protected", r.protectedBackup())
                .add("remove", r.remove())
                .add("prune-backups", r.pruneBackups())
                .add("notification-mode", r.notificationMode())
                .add("bwlimit", r.bwlimitKiBs())
                .add("job-id", r.jobId())
                .build();
    }

    private static PveParams concat(PveParams.Builder head, PveParams tail) {
        tail.entries().forEach(e -> head.add(e.getKey(), e.getValue()));
        return head.build();
    }
}
