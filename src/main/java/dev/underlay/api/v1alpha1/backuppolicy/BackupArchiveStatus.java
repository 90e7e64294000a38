package dev.underlay.api.v1alpha1.backuppolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupArchiveStatus(
        @JsonPropertyDescription("Guest VMID.") Integer vmid,
        @JsonPropertyDescription("Backup time (RFC 3339).") String time,
        @JsonPropertyDescription("Archive size in bytes.") Long sizeBytes,

        @JsonPropertyDescription("Proxmox volume ID, e.g. backups:backup/vzdump-qemu-101-2025_11_03-02_00_01.vma.zst.")
        String volid) {}
