package dev.underlay.proxmox.model;

/**
 * {@code DELETE /nodes/{node}/qemu/{vmid}}. {@code purge} also removes the VMID from backup jobs, replication and
 * HA; {@code destroyUnreferencedDisks} removes disks with this VMID that the config no longer names.
 */
public record DeleteVmOptions(boolean purge, boolean destroyUnreferencedDisks) {

    public static DeleteVmOptions purgeAll() {
        return new DeleteVmOptions(true, true);
    }
}
