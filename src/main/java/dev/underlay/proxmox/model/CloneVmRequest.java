package dev.underlay.proxmox.model;

/**
 * {@code POST /nodes/{node}/qemu/{vmid}/clone}. {@code full} defaults to a linked clone for templates on PVE;
 * {@code target} needs shared storage; {@code storage} and {@code format} apply to full clones only.
 */
public record CloneVmRequest(
        int newId,
        String name,
        String description,
        String target,
        String storage,
        Boolean full,
        String pool,
        String snapname,
        String format,
        Integer bwlimitKiBs) {

    public CloneVmRequest {
        if (newId < 100 || newId > 999_999_999) {
            throw new IllegalArgumentException("VMID out of range: " + newId);
        }
    }

    public static CloneVmRequest fullClone(int newId, String name, String storage) {
        return new CloneVmRequest(newId, name, null, null, storage, true, null, null, null, null);
    }
}
