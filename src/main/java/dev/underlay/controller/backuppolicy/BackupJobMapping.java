package dev.underlay.controller.backuppolicy;

import dev.underlay.api.v1alpha1.backuppolicy.BackupPolicySpec;
import dev.underlay.api.v1alpha1.backuppolicy.RetentionSpec;
import dev.underlay.controller.support.ownership.OwnerMarker;
import dev.underlay.proxmox.model.BackupJob;
import dev.underlay.proxmox.model.PruneBackups;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * BackupPolicy spec to {@code /cluster/backup} job, and the comparison of that desired job with the one Proxmox has.
 * Pure. Only the fields a policy speaks for are compared and written ({@link #MANAGED}); what a person set on the job
 * in the web UI beyond them (node, protected, repeat-missed, notification mode) is left alone, and so is their text
 * in the comment, which the ownership marker is appended to.
 */
final class BackupJobMapping {

    /** Prefix of every job id the operator chooses. */
    static final String JOB_ID_PREFIX = "underlay-";

    /** A managed field: its wire name (for PUT's delete list) and how to read it from a job. */
    record Field(String wireName, Function<BackupJob, Object> value) {}

    static final List<Field> MANAGED = List.of(
            new Field("schedule", BackupJob::schedule),
            new Field("storage", BackupJob::storage),
            new Field("vmid", j -> sorted(j.vmids())),
            new Field("all", j -> Boolean.TRUE.equals(j.all()) ? Boolean.TRUE : null),
            new Field("pool", BackupJob::pool),
            new Field("exclude", j -> sorted(j.exclude())),
            new Field("enabled", j -> j.enabled() == null || j.enabled()),
            new Field("mode", j -> j.mode() == null ? "snapshot" : j.mode()),
            new Field("compress", j -> j.compress() == null ? "0" : j.compress()),
            new Field(
                    "prune-backups",
                    j -> j.pruneBackups() == null ? null : j.pruneBackups().toMap()),
            new Field("notes-template", BackupJob::notesTemplate),
            new Field("comment", BackupJob::comment),
            new Field("mailto", BackupJob::mailTo));

    private BackupJobMapping() {}

    /**
     * The job id of a policy that has none recorded yet: {@code underlay-} and 20 hex digits of the SHA-256 of its
     * owner token (operator id/namespace/name). Derived from the name rather than the uid, so that a Kubernetes
     * cluster rebuilt from manifests or a Velero restore finds the job the policy made before, marked as its own,
     * instead of creating a second job that would back everything up twice. Hashed because a job id is a PVE config
     * id (letters, digits, '-' and '_'), which a namespace/name with dots is not.
     */
    static String jobIdFor(OwnerMarker.Owner owner) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(owner.token().getBytes(StandardCharsets.UTF_8));
            return JOB_ID_PREFIX + HexFormat.of().formatHex(digest).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /**
     * The job the policy asks for.
     *
     * @param observedComment the comment of the job as Proxmox has it (null when creating): a person's text in it stays
     */
    static BackupJob desired(
            BackupPolicySpec spec,
            BackupSelection selection,
            String jobId,
            OwnerMarker.Owner owner,
            String observedComment) {
        return new BackupJob(
                jobId,
                spec.schedule().strip(),
                spec.storage(),
                selection.all() || selection.pool() != null ? List.of() : selection.vmids(),
                selection.all() ? Boolean.TRUE : null,
                selection.pool(),
                selection.exclude(),
                spec.enabled(),
                spec.mode().name(),
                compress(spec.compression()),
                prune(spec.retention()),
                spec.notesTemplate(),
                OwnerMarker.mark(observedComment, owner),
                null,
                null,
                spec.mailTo().isEmpty() ? null : String.join(",", new TreeSet<>(spec.mailTo())),
                null,
                null,
                null,
                null,
                null);
    }

    /** vzdump's compress values: {@code none} is {@code 0}. */
    static String compress(BackupPolicySpec.Compression compression) {
        return compression == BackupPolicySpec.Compression.none ? "0" : compression.name();
    }

    /** Proxmox prune-backups from the retention; a keep of 0 means "not used" and is left out. */
    static PruneBackups prune(RetentionSpec retention) {
        if (Boolean.TRUE.equals(retention.keepAll())) {
            return PruneBackups.keepEverything();
        }
        return new PruneBackups(
                null,
                positive(retention.keepLast()),
                positive(retention.keepHourly()),
                positive(retention.keepDaily()),
                positive(retention.keepWeekly()),
                positive(retention.keepMonthly()),
                positive(retention.keepYearly()));
    }

    /** The retention as the job carries it, e.g. {@code keep-daily=7,keep-weekly=4}, for status.keep. */
    static String keep(RetentionSpec retention) {
        return prune(retention).toString();
    }

    /** Wire names of the managed fields in which {@code observed} differs from {@code desired}, in MANAGED order. */
    static List<String> differences(BackupJob desired, BackupJob observed) {
        List<String> fields = new ArrayList<>();
        for (Field field : MANAGED) {
            if (!Objects.equals(field.value().apply(desired), field.value().apply(observed))) {
                fields.add(field.wireName());
            }
        }
        return fields;
    }

    /** The managed fields to clear on update: set on the observed job, unset in the desired one. */
    static List<String> toClear(BackupJob desired, BackupJob observed) {
        List<String> fields = new ArrayList<>();
        for (Field field : MANAGED) {
            Object want = field.value().apply(desired);
            Object have = field.value().apply(observed);
            if (isUnset(want) && !isUnset(have)) {
                fields.add(field.wireName());
            }
        }
        return fields;
    }

    /** The observed job with only the comment changed: what releasing it (deletionPolicy Retain) writes. */
    static BackupJob withComment(BackupJob job, String comment) {
        return new BackupJob(
                job.id(),
                job.schedule(),
                job.storage(),
                job.vmids(),
                job.all(),
                job.pool(),
                job.exclude(),
                job.enabled(),
                job.mode(),
                job.compress(),
                job.pruneBackups(),
                job.notesTemplate(),
                comment,
                job.notificationMode(),
                job.mailNotification(),
                job.mailTo(),
                job.node(),
                job.protectedBackups(),
                job.repeatMissed(),
                null,
                null);
    }

    private static boolean isUnset(Object value) {
        return value == null || value instanceof List<?> list && list.isEmpty();
    }

    private static List<Integer> sorted(List<Integer> values) {
        return values == null ? List.of() : List.copyOf(new TreeSet<>(values));
    }

    private static Integer positive(Integer value) {
        return value == null || value <= 0 ? null : value;
    }
}
