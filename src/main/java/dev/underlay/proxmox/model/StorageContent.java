package dev.underlay.proxmox.model;

/**
 * A volume listed by {@code GET /nodes/{node}/storage/{storage}/content}: ISO images, backups (PBS volids look
 * like {@code pbs:backup/vm/931/2023-12-14T04:34:34Z}; file storages {@code local:backup/vzdump-qemu-...}),
 * disk images.
 *
 * @param verificationState PBS only: {@code ok} or {@code failed} of the last verify job
 */
public record StorageContent(
        String volid,
        String content,
        String format,
        Long size,
        Long used,
        Integer vmid,
        Long ctime,
        String notes,
        Boolean protectedVolume,
        String subtype,
        String parent,
        String encrypted,
        String verificationState) {}
