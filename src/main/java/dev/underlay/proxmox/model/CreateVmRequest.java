package dev.underlay.proxmox.model;

/**
 * {@code POST /nodes/{node}/qemu}: create a VM from {@code options}, or restore one from a backup
 * {@code archive} (volume id such as {@code pbs:backup/vm/101/2024-...}).
 *
 * @param start     start the VM once created
 * @param force     restore: overwrite an existing VM with this VMID
 * @param unique    restore: assign new MAC addresses
 * @param haManaged PVE 9.1+: add the VM as an HA resource right after creation
 * @param storage   default storage for allocated and restored disks
 * @param pool      resource pool to add the VM to
 */
public record CreateVmRequest(
        int vmid,
        VmOptions options,
        String archive,
        Boolean start,
        Boolean force,
        Boolean unique,
        Boolean haManaged,
        String storage,
        String pool) {

    public CreateVmRequest {
        if (vmid < 100 || vmid > 999_999_999) {
            throw new IllegalArgumentException("VMID out of range: " + vmid);
        }
        options = options == null ? VmOptions.empty() : options;
    }

    public static CreateVmRequest of(int vmid, VmOptions options) {
        return new CreateVmRequest(vmid, options, null, null, null, null, null, null, null);
    }

    public static CreateVmRequest restore(int vmid, String archive, String storage, boolean force, boolean unique) {
        return new CreateVmRequest(vmid, VmOptions.empty(), archive, null, force, unique, null, storage, null);
    }

    public boolean isRestore() {
        return archive != null;
    }

    public CreateVmRequest withStart(boolean value) {
        return new CreateVmRequest(vmid, options, archive, value, force, unique, haManaged, storage, pool);
    }

    public CreateVmRequest withHaManaged(boolean value) {
        return new CreateVmRequest(vmid, options, archive, start, force, unique, value, storage, pool);
    }

    public CreateVmRequest withPool(String value) {
        return new CreateVmRequest(vmid, options, archive, start, force, unique, haManaged, storage, value);
    }
}
