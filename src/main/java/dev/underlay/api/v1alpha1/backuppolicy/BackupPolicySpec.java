package dev.underlay.api.v1alpha1.backuppolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.underlay.api.v1alpha1.common.ClusterRef;
import dev.underlay.api.v1alpha1.common.DeletionPolicy;
import dev.underlay.api.v1alpha1.common.ListType;
import dev.underlay.api.v1alpha1.common.ManagementPolicy;
import dev.underlay.api.v1alpha1.common.ValidationPatterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
        value = "!has(self.exclude) || size(self.exclude) == 0 || (has(self.selector.all) && self.selector.all) "
                + "|| has(self.selector.pool)",
        message = "exclude is only allowed with selector.all or selector.pool")
@ValidationRule(value = "self.clusterRef == oldSelf.clusterRef", message = "clusterRef is immutable")
public record BackupPolicySpec(
        @Required @JsonPropertyDescription("The ProxmoxCluster that runs the backup job.")
        ClusterRef clusterRef,

        @Required
        @Size(min = 1, max = 128)
        @Pattern(ValidationPatterns.PVE_CALENDAR_EVENT)
        @JsonPropertyDescription(
                "Proxmox calendar event, e.g. \"02:00\" (daily), \"sun 03:00\", \"*-*-01 04:00\" (monthly), "
                        + "\"mon..fri 22:30\", \"sat *-1..7 15:00\" (first Saturday), \"daily\". Evaluated by Proxmox in the "
                        + "node's time zone unless it ends in UTC.")
        String schedule,

        @Required
        @JsonPropertyDescription("Which guests to back up: exactly one of vmids, all, pool, talosNodeVMSelector.")
        BackupSelectorSpec selector,

        @Size(max = 1000)
        @ListType(ListType.Kind.set)
        @JsonPropertyDescription("VMIDs to leave out (with selector all or pool).")
        List<@Min(100) @Max(999999999) Integer> exclude,

        @Default("snapshot")
        @JsonPropertyDescription(
                "vzdump mode: snapshot (default, no downtime), suspend, or stop (consistent, downtime).")
        BackupMode mode,

        @Required
        @Size(max = 128)
        @Pattern(ValidationPatterns.PVE_STORAGE_ID)
        @JsonPropertyDescription("Proxmox storage ID with content type backup, e.g. backups or an NFS storage.")
        String storage,

        @Default("zstd") @JsonPropertyDescription("Compression: zstd (default), lzo, gzip or none.")
        Compression compression,

        @Required @JsonPropertyDescription("How many backups to keep (Proxmox prune-backups).")
        RetentionSpec retention,

        @Size(max = 16)
        @ListType(ListType.Kind.set)
        @JsonPropertyDescription("E-mail addresses Proxmox notifies after each run.")
        List<@Size(max = 254) @Pattern("^[^\\s@]+@[^\\s@]+$") String> mailTo,

        @Default("true") @JsonPropertyDescription("Whether the job runs on its schedule. Default true.")
        Boolean enabled,

        @Size(max = 1024)
        @Pattern("^[^\\n]*$")
        @JsonPropertyDescription("Notes template for each backup, e.g. {{guestname}} nightly.")
        String notesTemplate,

        @Default("false")
        @JsonPropertyDescription(
                "Require the target storage to encrypt backups at rest: a Proxmox Backup Server storage with an "
                        + "encryption key. Otherwise the policy reports StorageNotEncrypted=True (the job still runs: an "
                        + "unencrypted backup beats none).")
        Boolean requireEncryption,

        @JsonPropertyDescription(
                "Periodic restore test: restore the latest backup of a covered VM to a scratch VMID with "
                        + "NICs unplugged, boot it, wait for the guest agent or a timeout, record, destroy.")
        RestoreTestSpec restoreTest,

        @Default("Retain")
        @JsonPropertyDescription(
                "Retain (default) leaves the Proxmox job in place when the resource is deleted (backups must "
                        + "not depend on the cluster they protect); Delete removes the job definition. Backup archives are never "
                        + "deleted by the operator except by the retention Proxmox applies.")
        DeletionPolicy deletionPolicy,

        @Default("Manage") @JsonPropertyDescription("Manage (default) or Observe (report drift, change nothing).")
        ManagementPolicy managementPolicy) {

    public BackupPolicySpec {
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        mode = mode == null ? BackupMode.snapshot : mode;
        compression = compression == null ? Compression.zstd : compression;
        mailTo = mailTo == null ? List.of() : List.copyOf(mailTo);
        enabled = enabled == null ? Boolean.TRUE : enabled;
        requireEncryption = requireEncryption == null ? Boolean.FALSE : requireEncryption;
        deletionPolicy = deletionPolicy == null ? DeletionPolicy.Retain : deletionPolicy;
        managementPolicy = managementPolicy == null ? ManagementPolicy.Manage : managementPolicy;
    }

    /** vzdump's mode names. */
    @SuppressWarnings("java:S115")
    public enum BackupMode {
        snapshot,
        suspend,
        stop
    }

    /** vzdump's compressor names; none maps to compress=0. */
    @SuppressWarnings("java:S115")
    public enum Compression {
        zstd,
        lzo,
        gzip,
        none
    }
}
